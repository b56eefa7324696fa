package dev.ferry.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.FerryProcess;
import dev.ferry.run.StepState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's promise, tried the hard way: a real Ferry JVM driven through its console is killed with SIGKILL at
 * random moments (right after a start is acknowledged, between a press and its answer, while a script runs, and
 * while idle), and started again on the same data directory. After every kill, the database must hold everything
 * the console had shown; no script may have reached the host more often than presses asked for it; every active
 * run must resume. The simulated host keeps a journal outside Ferry's database, as a real host's event log would.
 *
 * <p>{@code -Dferry.crash.kills=100} (docs/operations.md, "What a crash costs") makes it the longer soak;
 * {@code -Dferry.crash.seed=…} repeats a run's random choices.
 */
@Tag("crash")
class CrashTest {

    private static final int KILLS = Integer.getInteger("ferry.crash.kills", 25);
    /** A round (start, a few presses, a kill, the check) takes 2–4 s on two busy cores; this is its bound. */
    private static final Duration PER_KILL = Duration.ofSeconds(20);
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final Pattern TAG = Pattern.compile("'(k\\d+-\\d+)'");
    private static final Pattern STEP = Pattern.compile("# crash-step (\\S+)");
    private static final List<String> STEPS = List.of("prepare", "quick", "slow", "refresh", "verify", "confirm",
            "finish");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the kill lands. */
    enum Moment {
        /** As soon as "Started run" is on the terminal. */
        AFTER_START,
        /** Within a few milliseconds of typing a button, before (or while) its answer is printed. */
        MID_PRESS,
        /** While a script runs on the host. */
        DURING_SCRIPT,
        /** With nothing happening, after the last answer. */
        IDLE
    }

    @TempDir
    Path dir;

    private final Transcript transcript = new Transcript();
    private final Map<Moment, Integer> kills = new TreeMap<>();
    private int sentinels;
    private int roundStarts;

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // the real bound is PER_KILL for each kill, checked below
    void whatFerryShowedSurvivesAKill() throws Exception {
        long seed = Long.getLong("ferry.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path procedures = Files.createDirectories(dir.resolve("procedures"));
        copy("/crash/procedures/crash-mixed.yml", procedures.resolve("crash-mixed.yml"));
        copy("/crash/hosts.yml", dir.resolve("hosts.yml"));
        long began = System.nanoTime();

        long deadline = began + PER_KILL.multipliedBy(KILLS + 1).toNanos();
        for (int kill = 1; kill <= KILLS; kill++) {
            assertThat(System.nanoTime()).as("the crash test's time for %d kills (%s each) is over at kill %d",
                    KILLS, PER_KILL, kill).isLessThan(deadline);
            Moment moment = Moment.values()[(kill - 1) % Moment.values().length];
            List<String> active = activeRuns();
            try (FerryProcess ferry = start()) {
                resumeActiveRuns(ferry, active);
                drive(ferry, moment, random, kill);
                ferry.kill();
                transcript.read(ferry.lines());
            }
            kills.merge(moment, 1, Integer::sum);
            checkAgainstDatabase("after kill " + kill + " (" + moment + ", seed " + seed + ")");
        }

        // The last start: no kill; every run still active is driven to its end.
        List<String> active = activeRuns();
        try (FerryProcess ferry = start()) {
            for (String run : active) {
                resumeActiveRuns(ferry, List.of(run));
                for (int guard = 0; guard < 50 && current(ferry).isPresent(); guard++) {
                    press(ferry, nextButton(ferry, random));
                }
            }
            assertThat(ferry.quit(Duration.ofSeconds(60))).as("Ferry's exit code after its input ended").isZero();
            transcript.read(ferry.lines());
        }
        checkAgainstDatabase("after the last start (seed " + seed + ")");
        assertThat(activeRuns()).as("runs left active after the last start").isEmpty();

        Map<String, Integer> ranOnHost = journal();
        System.out.printf("crash test: %d kills %s, %d runs started, %d step states shown and checked,"
                        + " %d scripts reached the host, %.0f s, seed %d%n",
                KILLS, kills, transcript.started().size(),
                transcript.steps().values().stream().mapToInt(Map::size).sum(),
                ranOnHost.values().stream().mapToInt(i -> i).sum(),
                (System.nanoTime() - began) / 1e9, seed);
        assertThat(transcript.started()).as("runs acknowledged over all kills").hasSizeGreaterThan(KILLS / 4);
    }

    private FerryProcess start() throws Exception {
        roundStarts++;
        // From the project's directory, as a user starts it: config/application.yml is read from there.
        FerryProcess ferry = FerryProcess.start(Path.of("").toAbsolutePath(), dir.resolve("stderr.txt"), List.of(
                "--ferry.console.enabled=true",
                "--ferry.console.user=alice",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("data").resolve("ferry"),
                "--ferry.procedures.directory=" + dir.resolve("procedures"),
                "--ferry.hosts.file=" + dir.resolve("hosts.yml"),
                "--ferry.simulated.journal=" + dir.resolve("journal.jsonl"),
                "--ferry.console.files=" + dir.resolve("files"),
                "--logging.file.name=" + dir.resolve("ferry.log")));
        ferry.await(0, line -> line.startsWith("Ferry console"), STARTUP);
        sentinels = 0;
        return ferry;
    }

    /** After a restart the console knows no step message yet: resume shows each active run's current step. */
    private void resumeActiveRuns(FerryProcess ferry, List<String> active) throws Exception {
        for (String run : active) {
            int from = ferry.lineCount();
            ferry.type("/migrate resume " + run);
            int answer = ferry.await(from, line -> line.contains(run), ANSWER);
            assertThat(ferry.lines().get(answer)).as("resuming the active run %s after a restart", run)
                    .doesNotStartWith("!");
            settle(ferry);
        }
    }

    /** A few ordinary presses, then the one at which Ferry is killed. */
    private void drive(FerryProcess ferry, Moment moment, Random random, int kill) throws Exception {
        int before = random.nextInt(5);
        for (int i = 0; i < before; i++) {
            act(ferry, random, kill);
        }
        switch (moment) {
            case AFTER_START -> {
                settleToNoRun(ferry, random, kill);
                int from = ferry.lineCount();
                ferry.type(startCommand(kill));
                ferry.await(from, line -> line.startsWith("Started run") || line.startsWith("!"), ANSWER);
            }
            case MID_PRESS -> {
                String button = current(ferry).isEmpty() ? null : nextButton(ferry, random);
                ferry.type(button == null ? startCommand(kill) : button);
                sleepMicros(random.nextInt(20_000));
            }
            case DURING_SCRIPT -> {
                for (int guard = 0; guard < 20 && !aboutToRunScript(ferry); guard++) {
                    act(ferry, random, kill);
                }
                int from = ferry.lineCount();
                String button = nextButton(ferry, random);
                ferry.type(button);
                try {
                    ferry.await(from, line -> line.contains(": running"), Duration.ofSeconds(10));
                } catch (IllegalStateException noScript) {
                    // The press was refused or the step was manual after all: the kill still lands mid-work.
                }
                sleepMicros(random.nextInt(500_000));
            }
            case IDLE -> {
                settle(ferry);
                Thread.sleep(50 + random.nextInt(200));
            }
        }
    }

    /** Presses the current step's next button, or starts a run when none is active. */
    private void act(FerryProcess ferry, Random random, int kill) throws Exception {
        if (current(ferry).isEmpty()) {
            int from = ferry.lineCount();
            ferry.type(startCommand(kill));
            ferry.await(from, line -> line.startsWith("Started run") || line.startsWith("!"), ANSWER);
            settle(ferry);
        } else {
            press(ferry, nextButton(ferry, random));
        }
    }

    private void settleToNoRun(FerryProcess ferry, Random random, int kill) throws Exception {
        for (int guard = 0; guard < 30 && current(ferry).isPresent(); guard++) {
            press(ferry, nextButton(ferry, random));
        }
    }

    private String startCommand(int kill) {
        return "/migrate start crash-mixed server=crash-01 tag=k" + kill + "-" + (roundStarts * 100 + sentinels);
    }

    /** Types the button, then waits until the console has read the line after it: the press was handled. */
    private void press(FerryProcess ferry, String button) throws Exception {
        ferry.type(button);
        settle(ferry);
    }

    /**
     * The console reads a line only when the one before has been handled (and its scripts have ended), and
     * echoes each line it reads: the echo of a harmless line typed after it says "done".
     */
    private void settle(FerryProcess ferry) throws Exception {
        sentinels++;
        String mark = "> as alice";
        int from = ferry.lineCount();
        ferry.type("as alice");
        ferry.await(from, line -> line.equals(mark), ANSWER);
    }

    /** The buttons of the newest step message that has some, while its run is active. */
    private java.util.Optional<List<String>> current(FerryProcess ferry) {
        List<String> lines = ferry.lines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.startsWith("══ Run ") && (line.contains(" finished · ") || line.contains(" aborted · "))) {
                return java.util.Optional.empty();
            }
            if (line.startsWith("   → type: ")) {
                return java.util.Optional.of(List.of(line.substring("   → type: ".length()).split(" · ")));
            }
        }
        return java.util.Optional.empty();
    }

    /** Which button a person would press now: the first one, but retry or mark done at random, and rarely abort. */
    private String nextButton(FerryProcess ferry, Random random) {
        List<String> buttons = current(ferry).orElse(List.of("done"));
        if (buttons.contains("retry")) {
            return random.nextBoolean() ? "retry" : "mark-done";
        }
        if (random.nextInt(40) == 0) {
            return "abort";
        }
        return buttons.get(0);
    }

    private boolean aboutToRunScript(FerryProcess ferry) {
        return current(ferry).map(buttons -> buttons.get(0).equals("run") || buttons.contains("retry")).orElse(false);
    }

    /** Holds the database, opened read-only after the kill, to everything the console had shown. */
    private void checkAgainstDatabase(String when) throws Exception {
        try (Connection db = openDatabase(); Statement sql = db.createStatement()) {
            Map<String, String> status = new HashMap<>();
            Map<String, String> tags = new HashMap<>();
            try (ResultSet runs = sql.executeQuery("SELECT id, status, parameters_json FROM run")) {
                while (runs.next()) {
                    status.put(runs.getString(1), runs.getString(2));
                    tags.put(runs.getString(1), JSON.readTree(runs.getString(3)).path("tag").asText());
                }
            }
            Map<String, Map<Integer, Transcript.Shown>> stored = new HashMap<>();
            try (ResultSet steps = sql.executeQuery("SELECT run_id, step_index, attempt, state FROM step_record")) {
                while (steps.next()) {
                    stored.computeIfAbsent(steps.getString(1), r -> new HashMap<>()).put(steps.getInt(2),
                            new Transcript.Shown(steps.getInt(3), StepState.valueOf(steps.getString(4)), null));
                }
            }

            assertThat(transcript.startLines()).as("run ids acknowledged %s: none twice", when)
                    .doesNotHaveDuplicates();
            for (Map.Entry<String, String> acknowledged : transcript.started().entrySet()) {
                assertThat(status).as("the acknowledged run %s %s", acknowledged.getKey(), when)
                        .containsKey(acknowledged.getKey());
            }
            for (Map.Entry<String, String> end : transcript.ended().entrySet()) {
                assertThat(status.get(end.getKey())).as("run %s was shown %s; %s", end.getKey(), end.getValue(), when)
                        .isEqualToIgnoringCase(end.getValue().equals("finished") ? "FINISHED" : "ABORTED");
            }
            transcript.steps().forEach((run, shownSteps) -> shownSteps.forEach((index, shown) -> {
                Transcript.Shown inDatabase = stored.getOrDefault(run, Map.of()).get(index);
                assertThat(inDatabase).as("step %d of %s, shown as '%s', %s", index + 1, run, shown.line(), when)
                        .isNotNull();
                assertThat(inDatabase.behind(shown))
                        .as("step %d of %s was shown as '%s' but the database has %s at attempt %d %s", index + 1,
                                run, shown.line(), inDatabase.state(), inDatabase.attempt(), when)
                        .isFalse();
                if (shown.rank() == Transcript.Shown.rankOf(StepState.SUCCEEDED)
                        && inDatabase.attempt() == shown.attempt()) {
                    assertThat(inDatabase.state()).as("step %d of %s shown as '%s', %s", index + 1, run, shown.line(),
                            when).isEqualTo(shown.state());
                }
            }));

            // The host's own record: no script reached it more often than its step had attempts.
            Map<String, String> runOfTag = new HashMap<>();
            tags.forEach((run, tag) -> runOfTag.put(tag, run));
            journal().forEach((tagAndStep, times) -> {
                String[] parts = tagAndStep.split("/");
                String run = runOfTag.get(parts[0]);
                if (run == null) {
                    // A start killed before it committed cannot have run a script: the run must exist.
                    throw new AssertionError("the host ran step " + parts[1] + " of a run that is not in the database"
                            + " (tag " + parts[0] + ") " + when);
                }
                Transcript.Shown record = stored.get(run).get(STEPS.indexOf(parts[1]));
                assertThat(times).as("times step %s of %s reached the host, against its %d attempt(s), %s", parts[1],
                        run, record.attempt(), when).isLessThanOrEqualTo(record.attempt());
            });
        }
    }

    /** Executions the simulated host recorded, by run tag and step: "k3-1/slow" → 2. */
    private Map<String, Integer> journal() throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        Path journal = dir.resolve("journal.jsonl");
        if (!Files.exists(journal)) {
            return counts;
        }
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry;
            try {
                entry = JSON.readTree(line);
            } catch (IOException torn) {
                continue; // the last line, cut by the kill while it was written
            }
            String script = entry.path("script").asText();
            Matcher tag = TAG.matcher(script);
            Matcher step = STEP.matcher(script);
            if (tag.find() && step.find()) {
                counts.merge(tag.group(1) + "/" + step.group(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Runs the database holds as active; only while no Ferry has it open. */
    private List<String> activeRuns() throws SQLException {
        if (!Files.exists(dir.resolve("data").resolve("ferry.mv.db"))) {
            return List.of();
        }
        List<String> active = new ArrayList<>();
        try (Connection db = openDatabase(); Statement sql = db.createStatement();
             ResultSet runs = sql.executeQuery("SELECT id FROM run WHERE status = 'ACTIVE' ORDER BY created_at")) {
            while (runs.next()) {
                active.add(runs.getString(1));
            }
        }
        return active;
    }

    /** The data directory as the next Ferry will find it; read-only, so looking changes nothing. */
    private Connection openDatabase() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data").resolve("ferry")
                + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE", "sa", "");
    }

    private static void copy(String resource, Path to) throws IOException {
        try (var in = CrashTest.class.getResourceAsStream(resource)) {
            Files.write(to, in.readAllBytes());
        }
    }

    private static void sleepMicros(long micros) throws InterruptedException {
        Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
    }
}
