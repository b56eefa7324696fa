package dev.ferry.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryApplication;
import dev.ferry.access.Actor;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ferry stopped and started again on the same H2 file: schedules (added in chat or declared in the configuration)
 * are still there, a pause is kept, and a fire time that passed while Ferry was down fires once on start-up and
 * says it was late. The built-in galsync-update procedure of config/procedures runs on the simulated hosts.
 */
class ScheduleRestartTest {

    private static final Actor ALICE = new Actor("console", "alice", "alice");

    @TempDir
    Path data;

    @Test
    void schedulesSurviveARestartAndAMissedFireRunsOnceLate() throws Exception {
        String late;
        String paused;
        Instant due;
        try (ConfigurableApplicationContext first = ferry(List.of(
                "--ferry.schedules.declared.galsync-forest-b.procedure=galsync-update",
                "--ferry.schedules.declared.galsync-forest-b.host=ex2007-b",
                "--ferry.schedules.declared.galsync-forest-b.cron=0 0 3 * * ?",
                "--ferry.schedules.declared.galsync-forest-b.tz=Europe/Berlin",
                "--ferry.schedules.declared.galsync-forest-b.platform=console",
                "--ferry.schedules.declared.galsync-forest-b.channel=console"))) {
            ScheduleCommands schedules = first.getBean(ScheduleCommands.class);
            due = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
            late = schedules.add("galsync-update", Map.of("host", "ex2007-b", "scope", "frommiis", "cron", once(due),
                    "tz", "UTC", "channel", "console"), ALICE).id();
            paused = schedules.add("galsync-update", Map.of("host", "ex2007-a", "cron", "0 0 2 * * ?",
                    "tz", "Europe/Berlin", "channel", "console"), ALICE).id();
            assertThat(schedules.pause(paused, ALICE).accepted()).isTrue();
            assertThat(ids(first.getBean(ScheduleReadModel.class)))
                    .containsExactly("galsync-forest-a", "galsync-forest-b", late, paused);
        }
        // Ferry is down while the first schedule's only fire time passes (misfire threshold 500 ms in these tests).
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), due.plusMillis(1500)).toMillis()));

        try (ConfigurableApplicationContext second = ferry(List.of("--spring.quartz.startup-delay=1s",
                "--ferry.schedules.declared.galsync-forest-a.cron=0 30 2 * * ?"))) {
            RecordingNotices notices = new RecordingNotices();
            second.getBean(ScheduleNotices.class).subscribe(notices);
            ScheduleReadModel schedules = second.getBean(ScheduleReadModel.class);

            ScheduleNotice.Late lateNotice = notices.await(late, ScheduleNotice.Late.class);
            assertThat(lateNotice.fire().due()).isEqualTo(due);
            assertThat(lateNotice.lateBy()).isGreaterThan(Duration.ofMillis(1500));
            assertThat(lateNotice.missed()).isZero();
            notices.await(late, ScheduleNotice.Succeeded.class);
            assertThat(notices.of(late)).extracting(n -> n.getClass().getSimpleName())
                    .containsExactly("Late", "Started", "Succeeded");
            assertThat(schedules.fires(late)).singleElement().satisfies(fire -> {
                assertThat(fire.kind()).isEqualTo(Fire.Kind.CRON);
                assertThat(fire.due()).isEqualTo(due);
                assertThat(fire.result()).isEqualTo(Fire.Result.SUCCEEDED);
            });

            // galsync-forest-b left the configuration, galsync-forest-a changed; the pause set in chat is kept.
            assertThat(ids(schedules)).containsExactly("galsync-forest-a", late, paused);
            assertThat(schedules.find("galsync-forest-a").orElseThrow().schedule().cron()).isEqualTo("0 30 2 * * ?");
            assertThat(schedules.find(paused).orElseThrow().paused()).isTrue();
            assertThat(schedules.find(late).orElseThrow().nextFires()).isEmpty();
            assertThat(second.getBean(ScheduleCommands.class).remove("galsync-forest-a", ALICE))
                    .isEqualTo(new ScheduleChange.Declared("galsync-forest-a"));
            Reply refused = second.getBean(CommandDispatcher.class).dispatch("schedule remove galsync-forest-a", ALICE,
                    "console");
            assertThat(refused.error()).isTrue();
            assertThat(refused.plainText())
                    .contains("declared in the configuration (ferry.schedules.declared.galsync-forest-a)");
            assertThat(schedules.find("galsync-forest-a")).isPresent();
            assertThat(notices.of(paused)).isEmpty();
        }
    }

    @Test
    void aDeclarationThatDoesNotFitStopsStartUpNamingTheKey() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> ferry(List.of(
                    "--ferry.schedules.declared.galsync-forest-a.cron=0 2 * * *",
                    "--ferry.schedules.declared.galsync-forest-a.parameters.scope=everything",
                    "--ferry.schedules.declared.galsync-forest-a.platform=",
                    "--logging.threshold.console=error")).close()).isInstanceOf(Exception.class);
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains(
                "Ferry cannot create the schedules declared in its configuration",
                "ferry.schedules.declared.galsync-forest-a.cron: '0 2 * * *' is not a Quartz cron expression",
                "ferry.schedules.declared.galsync-forest-a.platform: ",
                "Correct the keys named above under ferry.schedules.declared");
    }

    /** Ferry on this test's H2 file; {@code extra} adds or replaces properties ("--key=value"). */
    private ConfigurableApplicationContext ferry(List<String> extra) {
        List<String> base = new ArrayList<>(List.of(
                "--ferry.console.enabled=false",
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("ferry") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--logging.file.name=",
                "--logging.threshold.console=warn",
                "--spring.quartz.properties.org.quartz.jobStore.misfireThreshold=500",
                "--ferry.schedules.declared.galsync-forest-a.procedure=galsync-update",
                "--ferry.schedules.declared.galsync-forest-a.host=ex2007-a",
                "--ferry.schedules.declared.galsync-forest-a.parameters.scope=all",
                "--ferry.schedules.declared.galsync-forest-a.cron=0 0 2 * * ?",
                "--ferry.schedules.declared.galsync-forest-a.tz=Europe/Berlin",
                "--ferry.schedules.declared.galsync-forest-a.platform=console",
                "--ferry.schedules.declared.galsync-forest-a.channel=console"));
        Map<String, String> args = new java.util.LinkedHashMap<>();
        for (String arg : concat(base, extra)) {
            args.put(arg.substring(0, arg.indexOf('=')), arg);
        }
        return new SpringApplicationBuilder(FerryApplication.class).run(args.values().toArray(String[]::new));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** A cron expression that fires once, at {@code time} (UTC, whole seconds). */
    static String once(Instant time) {
        ZonedDateTime t = time.atZone(ZoneOffset.UTC);
        return t.getSecond() + " " + t.getMinute() + " " + t.getHour() + " " + t.getDayOfMonth() + " "
                + t.getMonthValue() + " ? " + t.getYear();
    }

    private static List<String> ids(ScheduleReadModel schedules) {
        return schedules.list().stream().map(s -> s.schedule().id()).toList();
    }
}
