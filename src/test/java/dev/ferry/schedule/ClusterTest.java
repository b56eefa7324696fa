package dev.ferry.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryApplication;
import dev.ferry.access.Actor;
import dev.ferry.chat.MessageRefs;
import dev.ferry.connector.ScriptedOutcome;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.procedure.ParameterBinder;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.run.Action;
import dev.ferry.run.Press;
import dev.ferry.run.Run;
import dev.ferry.run.RunEngine;
import dev.ferry.run.RunStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quartz.Scheduler;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two Ferry instances (separate application contexts, each with its own Quartz scheduler) on one real PostgreSQL
 * started from Maven artifacts, on loopback: every trigger fires on exactly one of them; when one stops, the
 * other fires its triggers and recovers the fire it was running. Also runs the run tables (V1, V2) on PostgreSQL.
 */
public class ClusterTest {

    private static final Actor ALICE = new Actor("console", "alice", "alice");
    private static final int TRIGGERS = 100;

    @Test
    @Timeout(90)
    void twoInstancesFireEachTriggerOnceAndTheSurvivorTakesOver() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30)).start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            ConfigurableApplicationContext a = ferry(url, "a");
            try (ConfigurableApplicationContext b = ferry(url, "b")) {
                runTablesWorkOnPostgres(b);

                // 100 schedules, each firing once within a few seconds: each fires exactly once, on one instance.
                List<String> first = addOnce(a.getBean(ScheduleCommands.class), TRIGGERS, "ex2007-a");
                await(() -> fired(b, first) == TRIGGERS, Duration.ofSeconds(30));
                Map<String, Long> perSchedule = perSchedule(b, first);
                assertThat(perSchedule).hasSize(TRIGGERS).allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
                assertThat(executions(a) + executions(b)).isEqualTo(TRIGGERS);
                System.out.printf("cluster: %d triggers fired once each, %s%n", TRIGGERS, perInstance(b, first));

                // Instance a runs a long fire and stops mid-way; b fires what a would have and recovers that fire.
                b.getBean(Scheduler.class).standby();
                a.getBean(SimulatedConnector.class).program("ex2007-b", ScriptedOutcome.hang("Update-AddressList"));
                ScheduleCommands onA = a.getBean(ScheduleCommands.class);
                String cutOff = onA.add("galsync-update", Map.of("host", "ex2007-b", "scope", "all",
                        "cron", "0 0 2 * * ?", "tz", "Europe/Berlin", "channel", "console"), ALICE).id();
                onA.runNow(cutOff, ALICE);
                await(() -> a.getBean(ScheduleReadModel.class).fires(cutOff).stream().anyMatch(f -> f.result() == Fire.Result.RUNNING),
                        Duration.ofSeconds(10));
                RecordingNotices onB = new RecordingNotices();
                b.getBean(ScheduleNotices.class).subscribe(onB);
                List<String> second = addOnce(b.getBean(ScheduleCommands.class), TRIGGERS, "ex2007-a");
                b.getBean(Scheduler.class).start();
                a.close();

                await(() -> fired(b, second) == TRIGGERS, Duration.ofSeconds(30));
                assertThat(perInstance(b, second)).containsOnlyKeys("b");
                assertThat(perSchedule(b, second)).hasSize(TRIGGERS).allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));

                ScheduleNotice.Recovering recovering = onB.await(cutOff, ScheduleNotice.Recovering.class, n -> true,
                        Duration.ofSeconds(30));
                assertThat(recovering.cutOff().instance()).isEqualTo("a");
                onB.await(cutOff, ScheduleNotice.Succeeded.class);
                List<Fire> fires = b.getBean(ScheduleReadModel.class).fires(cutOff);
                assertThat(fires).extracting(Fire::result).containsExactly(Fire.Result.CUT_OFF, Fire.Result.SUCCEEDED);
                assertThat(fires).extracting(Fire::instance).containsExactly("a", "b");
                assertThat(fires.get(1).kind()).isEqualTo(Fire.Kind.RECOVERY);
                quiesce(b);
            } finally {
                a.close();
                // Instance a's worker still "runs" the hung script in this JVM; a real stop would have ended it.
                Thread.getAllStackTraces().forEach((thread, stack) -> {
                    if (thread.getName().startsWith("ferry-a_Worker") && java.util.Arrays.stream(stack)
                            .anyMatch(frame -> frame.getClassName().equals(SimulatedConnector.class.getName()))) {
                        thread.interrupt();
                    }
                });
            }
        }
    }

    /** Stops firing and waits for the jobs under way, so that nothing runs on while the database stops. */
    public static void quiesce(ConfigurableApplicationContext ferry) throws Exception {
        Scheduler scheduler = ferry.getBean(Scheduler.class);
        scheduler.standby();
        await(() -> {
            try {
                return scheduler.getCurrentlyExecutingJobs().isEmpty();
            } catch (org.quartz.SchedulerException e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(10));
    }

    /** V1 and V2 (runs, steps, chat messages) and the reminder table on PostgreSQL, through the engine. */
    private static void runTablesWorkOnPostgres(ConfigurableApplicationContext ferry) throws InterruptedException {
        RunEngine engine = ferry.getBean(RunEngine.class);
        Procedure galsync = ferry.getBean(ProcedureCatalog.class).find("galsync-update").orElseThrow();
        Run run = engine.start(galsync, new ParameterBinder(n -> true).bind(galsync,
                Map.of("exchangeServer", "ex2007-a", "scope", "frommiis")), ALICE, "console");
        assertThat(engine.waitingLongerThan(Duration.ZERO)).anySatisfy(w -> assertThat(w.run().id()).isEqualTo(run.id()));
        Reminders reminders = new Reminders(engine, ferry.getBean(JdbcClient.class),
                new ScheduleConfiguration.ReminderSettings(Duration.ZERO, Duration.ofHours(1), Duration.ofMinutes(1)),
                ferry.getBean(Clock.class));
        assertThat(reminders.check()).isEqualTo(1);
        assertThat(reminders.check()).isZero();
        MessageRefs refs = ferry.getBean(MessageRefs.class);
        refs.save(new MessageRefs.MessageRef(run.id(), MessageRefs.HEADER, "slack", "C1", null, "1700000000.000100"));
        assertThat(refs.find(run.id(), MessageRefs.HEADER, "slack")).isPresent();

        assertThat(engine.press(new Press(run.id(), "update-frommiis", 1, Action.RUN, ALICE)).accepted()).isTrue();
        engine.awaitIdle();
        assertThat(engine.snapshot(run.id()).orElseThrow().run().status()).isEqualTo(RunStatus.FINISHED);
    }

    /** Adds {@code count} schedules that each fire once, spread over two seconds starting a few seconds from now. */
    private static List<String> addOnce(ScheduleCommands schedules, int count, String host) {
        Instant start = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String cron = ScheduleRestartTest.once(start.plusSeconds(i % 3));
            ids.add(schedules.add("galsync-update", Map.of("host", host, "scope", "all", "cron", cron, "tz", "UTC",
                    "channel", "console"), ALICE).id());
        }
        return ids;
    }

    private static long fired(ConfigurableApplicationContext ferry, List<String> ids) {
        return fires(ferry, ids).stream().filter(f -> f.result() == Fire.Result.SUCCEEDED).count();
    }

    private static Map<String, Long> perSchedule(ConfigurableApplicationContext ferry, List<String> ids) {
        return fires(ferry, ids).stream().collect(Collectors.groupingBy(Fire::scheduleId, Collectors.counting()));
    }

    private static Map<String, Long> perInstance(ConfigurableApplicationContext ferry, List<String> ids) {
        return fires(ferry, ids).stream().collect(Collectors.groupingBy(Fire::instance, Collectors.counting()));
    }

    private static List<Fire> fires(ConfigurableApplicationContext ferry, List<String> ids) {
        ScheduleReadModel schedules = ferry.getBean(ScheduleReadModel.class);
        return ids.stream().flatMap(id -> schedules.fires(id).stream()).toList();
    }

    /** Scripts of galsync-update scope=all that reached the instance's simulated hosts. */
    private static long executions(ConfigurableApplicationContext ferry) {
        return ferry.getBean(SimulatedConnector.class).executions().stream()
                .filter(e -> e.script().contains("Get-EmailAddressPolicy")).count();
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /** One Ferry instance of the cluster: PostgreSQL, Quartz clustered, the built-in procedures and hosts. */
    static ConfigurableApplicationContext ferry(String url, String instance) {
        return new SpringApplicationBuilder(FerryApplication.class).run(
                "--ferry.console.enabled=false",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--logging.file.name=",
                "--logging.threshold.console=warn",
                "--spring.quartz.properties.org.quartz.jobStore.driverDelegateClass="
                        + "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate",
                "--spring.quartz.properties.org.quartz.jobStore.isClustered=true",
                "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000",
                "--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000",
                "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + instance,
                "--spring.quartz.properties.org.quartz.threadPool.threadNamePrefix=ferry-" + instance + "_Worker");
    }
}
