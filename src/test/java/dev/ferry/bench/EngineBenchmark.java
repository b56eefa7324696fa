package dev.ferry.bench;

import dev.ferry.FerryApplication;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.console.ConsoleChat;
import dev.ferry.run.RunEngine;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Step transitions per second through the whole path a person's press takes: the console reads the
 * button word, the dispatcher and engine commit the transition to H2 (a file on disk), and the next
 * step is rendered. Not a test: run it with {@code ./mvnw -Pbench verify}.
 */
public final class EngineBenchmark {

    /** As long as the longest built-in procedure. */
    private static final int STEPS = 20;
    /** Runs of the procedure per measurement: 400 transitions. */
    private static final int RUNS_PER_MEASUREMENT = 20;
    private static final int MEASUREMENTS = 5;

    private EngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("ferry-bench");
        Path procedures = Files.createDirectories(dir.resolve("procedures"));
        Files.writeString(procedures.resolve("bench-manual.yml"), procedure("bench-manual", STEPS, false));
        Files.writeString(procedures.resolve("bench-script.yml"), procedure("bench-script", STEPS, true));

        System.out.printf("machine: %d cores, %d MiB max heap, %s %s, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // Ferry's own setting first; then, in the same invocation, H2's background writes (what Ferry shipped
        // before issue 10, and what a killed process can lose) as the baseline the durable figure is held to.
        // A first pass warms the JIT up and is not reported, so neither setting pays for the compiler.
        measureWith(dir.resolve("warm-up"), procedures, "", null);
        measureWith(dir.resolve("delayed"), procedures, ";WRITE_DELAY=500",
                "baseline: H2 writing commits in the background, up to 500 ms later (lost on a kill)");
        measureWith(dir.resolve("durable"), procedures, "",
                "durable commits (Ferry's default: H2 writes each commit before it returns)");
    }

    /** @param what the heading of the figures; null measures without reporting */
    private static void measureWith(Path data, Path procedures, String urlSuffix, String what) throws Exception {
        try (ConfigurableApplicationContext ferry = new SpringApplicationBuilder(FerryApplication.class).run(
                "--ferry.console.enabled=false",
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("ferry") + ";DB_CLOSE_ON_EXIT=FALSE"
                        + urlSuffix,
                "--ferry.procedures.directory=" + procedures,
                "--logging.file.name=" + data.resolve("ferry.log"),
                "--logging.threshold.console=error")) {
            CommandDispatcher dispatcher = ferry.getBean(CommandDispatcher.class);
            RunEngine engine = ferry.getBean(RunEngine.class);
            ConsoleChat console = new ConsoleChat(dispatcher, "bench",
                    new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                    data.resolve("files"), engine::awaitIdle, true);
            engine.subscribe(console);

            List<Double> manual = measure(console, "bench-manual server=spe-ih-02", "done");
            List<Double> scripts = measure(console, "bench-script server=spe-ih-02", "run");
            if (what != null) {
                System.out.println("== " + what);
                report("manual steps: press 'done' → committed → next step rendered", manual);
                report("powershell steps: press 'run' → script on a simulated host → committed → next step rendered",
                        scripts);
                // H2 keeps what it overwrote for 45 s (RETENTION_TIME), so within one arm the file only grows:
                // its size is about what the arm wrote, a figure that does not depend on the machine's load.
                long bytes = Files.size(data.resolve("ferry.mv.db"));
                int transitions = 2 * (MEASUREMENTS + 1) * STEPS * RUNS_PER_MEASUREMENT;
                System.out.printf("  database file after %d transitions: %.1f MiB, %.1f KiB per transition%n",
                        transitions, bytes / 1048576.0, bytes / 1024.0 / transitions);
            }
        }
    }

    /** One warm-up measurement, then {@link #MEASUREMENTS}; transitions per second of each. */
    private static List<Double> measure(ConsoleChat console, String start, String button) throws Exception {
        String oneRun = "/migrate start " + start + "\n" + (button + "\n").repeat(STEPS);
        byte[] script = oneRun.repeat(RUNS_PER_MEASUREMENT).getBytes(StandardCharsets.UTF_8);
        List<Double> rates = new ArrayList<>();
        for (int measurement = 0; measurement <= MEASUREMENTS; measurement++) {
            long began = System.nanoTime();
            console.serve(new ByteArrayInputStream(script));
            double seconds = (System.nanoTime() - began) / 1e9;
            if (measurement > 0) {
                rates.add(STEPS * RUNS_PER_MEASUREMENT / seconds);
            }
        }
        return rates;
    }

    private static void report(String what, List<Double> rates) {
        List<Double> sorted = new ArrayList<>(rates);
        Collections.sort(sorted);
        System.out.printf("%s%n  median %.0f transitions/s over %d measurements of %d (min %.0f, max %.0f)%n", what,
                sorted.get(sorted.size() / 2), sorted.size(), STEPS * RUNS_PER_MEASUREMENT, sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    private static String procedure(String id, int steps, boolean scripts) {
        StringBuilder out = new StringBuilder("id: " + id + "\ntitle: Benchmark\nsource: benchmark\n"
                + "parameters:\n  server: { type: host }\nsteps:\n");
        for (int i = 0; i < steps; i++) {
            out.append("  - id: step-").append(i).append("\n    title: Step ").append(i).append('\n');
            if (scripts) {
                out.append("    kind: powershell\n    target: server\n    script: Get-Service -Name \"Svc")
                        .append(i).append("\"\n");
            } else {
                out.append("    kind: manual\n    instructions: Do step ").append(i).append(".\n");
            }
        }
        return out.toString();
    }
}
