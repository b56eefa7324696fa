package dev.ferry.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ferry.FerryTest;
import dev.ferry.access.Actor;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.console.ConsoleChat;
import dev.ferry.connector.Connectors;
import dev.ferry.connector.HostInventory;
import dev.ferry.connector.ScriptedOutcome;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.run.ScriptRenderer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Schedules firing on the application's Quartz (JDBC store on H2), scripts running on simulated hosts. */
@FerryTest
class ScheduleFiringTest {

    private static final Actor ALICE = new Actor("console", "alice", "alice");

    @Autowired
    ScheduleCommands schedules;
    @Autowired
    ScheduleReadModel readModel;
    @Autowired
    ScheduleActivity activity;
    @Autowired
    QuartzJobs jobs;
    @Autowired
    ScheduleNotices notices;
    @Autowired
    SimulatedConnector hosts;
    @Autowired
    CommandDispatcher dispatcher;
    @Autowired
    ScheduleRepository repository;

    private final RecordingNotices recorded = new RecordingNotices();

    @BeforeEach
    void listen() {
        hosts.reset();
        notices.subscribe(recorded);
    }

    @AfterEach
    void removeAll() {
        notices.unsubscribe(recorded);
        readModel.list().forEach(s -> schedules.remove(s.schedule().id(), ALICE));
    }

    @Test
    void runNowRunsTheApplicableStepsInOrderAndPostsStartThenResult() throws Exception {
        Schedule schedule = add("spe-ih-01", "0 0 2 * * ?");

        assertThat(schedules.runNow(schedule.id(), ALICE).accepted()).isTrue();
        ScheduleNotice.Succeeded succeeded = recorded.await(schedule.id(), ScheduleNotice.Succeeded.class);

        List<ScheduleNotice> all = recorded.of(schedule.id());
        assertThat(all).hasSize(2);
        ScheduleNotice.Started started = (ScheduleNotice.Started) all.get(0);
        assertThat(started.steps()).containsExactly("update", "count");
        assertThat(started.hosts()).containsExactly("spe-ih-01");
        assertThat(succeeded.exitCode()).isZero();
        assertThat(succeeded.lastLines()).contains("── step update on spe-ih-01", "── step count on spe-ih-01");
        assertThat(succeeded.output()).contains("[simulated spe-ih-01] ran 1 line(s) of PowerShell");
        assertThat(hosts.executions()).extracting(SimulatedConnector.Execution::script)
                .containsExactly("Update-AddressList -All", "Get-AddressList | Measure-Object");

        Fire fire = succeeded.fire();
        assertThat(fire.kind()).isEqualTo(Fire.Kind.MANUAL);
        assertThat(fire.requestedBy()).isEqualTo("alice");
        assertThat(fire.result()).isEqualTo(Fire.Result.SUCCEEDED);
        assertThat(fire.startedAt()).isNotNull();
        assertThat(fire.exitCode()).isZero();
        assertThat(dispatcher.dispatch("schedule list", ALICE, "console").plainText())
                .contains("last: succeeded · due ", "exit code 0 · run-now by alice");
    }

    @Test
    void awaitIdleReturnsOnlyOnceARunNowHasFinished() throws Exception {
        hosts.program("spe-ih-01", ScriptedOutcome.slowOutput("Update-AddressList", List.of("a", "b"),
                java.time.Duration.ofMillis(200)));
        Schedule schedule = add("spe-ih-01", "0 0 2 * * ?");

        schedules.runNow(schedule.id(), ALICE);
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), activity::awaitIdle);

        assertThat(readModel.fires(schedule.id())).singleElement()
                .extracting(Fire::result).isEqualTo(Fire.Result.SUCCEEDED);
    }

    @Test
    void aFailureStopsAtTheFailingStepAndMentionsTheOnCallRole() throws Exception {
        hosts.program("spe-ih-02", ScriptedOutcome.failure("Update-AddressList", 3, "Access is denied."));
        Schedule schedule = add("spe-ih-02", "0 0 2 * * ?");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ConsoleChat console = new ConsoleChat(dispatcher, "alice", new PrintStream(screen, true, StandardCharsets.UTF_8),
                java.nio.file.Path.of("target", "console-files"), () -> { }, false, "@mail-ops");
        notices.unsubscribe(recorded);
        notices.subscribe(console);
        notices.subscribe(recorded);
        try {
            schedules.runNow(schedule.id(), ALICE);
            ScheduleNotice.Failed failed = recorded.await(schedule.id(), ScheduleNotice.Failed.class);

            assertThat(failed.step()).isEqualTo("update");
            assertThat(failed.exitCode()).isEqualTo(3);
            assertThat(failed.reason()).isEqualTo("step 'update' ended with exit code 3 on spe-ih-02: Access is denied.");
            assertThat(failed.lastLines()).contains("[stderr] Access is denied.");
            assertThat(hosts.executions()).hasSize(1);
            assertThat(screen.toString(StandardCharsets.UTF_8))
                    .contains("◷ " + schedule.id() + " · test-scheduled · fire " + failed.fire().id() + ": started by run-now,"
                            + " asked by alice — Update test address lists: update, count on spe-ih-02.")
                    .contains("◷ @mail-ops " + schedule.id() + " · test-scheduled · fire " + failed.fire().id()
                            + ": FAILED after ")
                    .contains("· exit code 3 · step update — step 'update' ended with exit code 3", "│ [stderr] Access is denied.");
        } finally {
            notices.unsubscribe(console);
        }
    }

    @Test
    void overlappingFiresAreNotStartedTwiceAndEverySkipIsPosted() throws Exception {
        // Every second, and each fire takes 2.5 s: the fires due meanwhile find the previous one running.
        hosts.program("spe-cas-01", new ScriptedOutcome(Pattern.compile("Update-AddressList"), 0, List.of("slow"), null,
                null, Duration.ofMillis(2500)));
        Schedule schedule = add("spe-cas-01", "* * * * * ?");

        ScheduleNotice.Skipped skipped = recorded.await(schedule.id(), ScheduleNotice.Skipped.class, n -> true,
                Duration.ofSeconds(15));
        schedules.pause(schedule.id(), ALICE);
        awaitNoFireRunning(schedule.id());

        List<Fire> fires = readModel.fires(schedule.id());
        List<Fire> executed = fires.stream().filter(f -> f.result() != Fire.Result.SKIPPED).toList();
        for (int i = 1; i < executed.size(); i++) {
            assertThat(executed.get(i).firedAt()).as("fire %s starts after fire %s ended", executed.get(i).id(),
                    executed.get(i - 1).id()).isAfterOrEqualTo(executed.get(i - 1).finishedAt());
        }
        assertThat(skipped.running().covers(skipped.fire().due())).isTrue();
        assertThat(skipped.running().result()).isEqualTo(Fire.Result.SUCCEEDED);
        assertThat(fires).filteredOn(f -> f.result() == Fire.Result.SKIPPED)
                .allSatisfy(f -> assertThat(f.note()).contains("was still running"));
        assertThat(recorded.of(schedule.id(), ScheduleNotice.Skipped.class))
                .hasSameSizeAs(fires.stream().filter(f -> f.result() == Fire.Result.SKIPPED).toList());
    }

    @Test
    void aLongScriptPostsItsProgressWithTheLatestLines(@Autowired ProcedureCatalog catalog,
                                                        @Autowired HostInventory inventory,
                                                        @Autowired ScriptRenderer renderer,
                                                        @Autowired Connectors connectors, @Autowired Clock clock)
            throws Exception {
        hosts.program("spe-cas-02", ScriptedOutcome.slowOutput("Update-AddressList",
                List.of("list 1", "list 2", "list 3", "list 4", "list 5", "list 6", "list 7", "list 8"),
                Duration.ofMillis(150)));
        Schedule schedule = add("spe-cas-02", "0 0 2 * * ?");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduleRunner runner = new ScheduleRunner(repository, jobs, catalog, inventory, renderer, connectors,
                    notices, timer, new ScheduleConfiguration.ScheduleSettings(Duration.ofMillis(300), 3, 50, Map.of()),
                    clock);
            Instant now = Instant.now();
            runner.fire(new FireRequest(schedule.id(), Fire.Kind.MANUAL, now, now, "alice", "test"));
        } finally {
            timer.shutdownNow();
        }

        List<ScheduleNotice.Progress> progress = recorded.of(schedule.id(), ScheduleNotice.Progress.class);
        assertThat(progress).hasSizeBetween(2, 5);
        assertThat(progress).allSatisfy(p -> assertThat(p.step()).isEqualTo("update"));
        assertThat(progress.get(0).lastLines()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(progress.get(progress.size() - 1).elapsed()).isGreaterThan(progress.get(0).elapsed());
        assertThat(recorded.of(schedule.id()).get(recorded.of(schedule.id()).size() - 1))
                .isInstanceOf(ScheduleNotice.Succeeded.class);
        Fire fire = readModel.fires(schedule.id()).get(0);
        assertThat(fire.updatedAt()).isAfter(fire.startedAt());
    }

    private Schedule add(String host, String cron) {
        return schedules.add("test-scheduled", Map.of("host", host, "cron", cron, "tz", "UTC", "channel", "console"),
                ALICE);
    }

    private void awaitNoFireRunning(String id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (readModel.fires(id).stream().anyMatch(f -> f.result() == Fire.Result.RUNNING)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("a fire of " + id + " still runs");
            }
            Thread.sleep(50);
        }
    }
}
