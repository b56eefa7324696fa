package dev.ferry.chat.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.chat.MessageRefs;
import dev.ferry.run.Action;
import dev.ferry.run.RunEvent;
import dev.ferry.run.StepState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one presenter of run threads, against a recording platform and the real message table. */
class RunThreadsTest {

    private static final Duration EVERY = Duration.ofMillis(100);

    private final ExecutorService posting = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    private final Clock clock = Clock.fixed(ThreadSamples.NOW.plus(Duration.ofMinutes(35)), ZoneOffset.UTC);

    @AfterEach
    void stop() {
        posting.shutdownNow();
        ticks.shutdownNow();
    }

    static MessageRefs refs() {
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:mem:threads-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(data).load().migrate();
        JdbcClient jdbc = JdbcClient.create(data);
        // Messages belong to a run: the one the samples show.
        jdbc.sql("""
                INSERT INTO run (id, procedure_id, procedure_version, parameters_json, status, current_index,
                                 requester_platform, requester_id, requester_name, channel, created_at, updated_at)
                VALUES ('R7', 'thread-samples', 1, '{}', 'ACTIVE', 1, 'slack', 'U1', 'alice', 'C-RUNS',
                        CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""").update();
        return new MessageRefs(jdbc);
    }

    private RunThreads threads(RecordingPort port) {
        return new RunThreads(port, refs(), posting, ticks, EVERY, 3, clock);
    }

    private static void settle(RunThreads threads) throws Exception {
        threads.settled("R7").get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyRunEventIsShownInItsThreadInOrder() throws Exception {
        ThreadSamples.coverEveryType();
        RecordingPort port = new RecordingPort(true, 1000);
        RunThreads threads = threads(port);
        List<RunEvent> events = ThreadSamples.runEvents("slack");
        events.forEach(threads::on);
        settle(threads);

        String thread = port.threads().keySet().iterator().next();
        assertThat(port.threads()).containsValue("R7 · Samples");
        assertThat(port.calls()).containsSubsequence(
                "post C-RUNS Header", "thread R7 · Samples",
                "post " + thread + " Step", "post " + thread + " ApprovalCall",
                "post " + thread + " Reminder",
                "post " + thread + " Step",
                "post " + thread + " Ended");
        // The header is brought up to date once the run ended (the lane was busy before).
        assertThat(port.calls()).contains("edit M1 Header");
        Shown.Reminder reminder = (Shown.Reminder) port.in(thread).stream().map(RecordingPort.Message::shown)
                .filter(Shown.Reminder.class::isInstance).findFirst().orElseThrow();
        assertThat(reminder.reminder().sentence()).isEqualTo("R7 · step 1 'announce' has waited 35 min for an"
                + " approval (awaiting approval), run started by alice.");
        // Nothing of another platform is shown.
        RecordingPort other = new RecordingPort(true, 1000);
        RunThreads discord = threads(other);
        ThreadSamples.runEvents("discord").forEach(discord::on);
        settle(discord);
        assertThat(other.calls()).isEmpty();
    }

    @Test
    void anApprovalRequestCallsOnceAndAgainOnlyWhenShownAgainByResume() throws Exception {
        RecordingPort port = new RecordingPort(true, 1000);
        RunThreads threads = threads(port);
        RunEvent.StepChanged waiting = ThreadSamples.changed("slack", StepState.AWAITING_APPROVAL, null,
                List.of(Action.APPROVE, Action.REJECT, Action.ABORT));
        threads.on(waiting);
        threads.on(waiting);
        settle(threads);
        assertThat(port.calls()).filteredOn(c -> c.endsWith("ApprovalCall")).hasSize(1);
        assertThat(port.calls()).filteredOn(c -> c.endsWith(" Step")).containsExactly("post " + thread(port)
                + " Step", "edit M3 Step");

        threads.resume("R7", () -> {
            threads.on(waiting);
            return null;
        });
        settle(threads);
        assertThat(port.calls()).filteredOn(c -> c.endsWith("ApprovalCall")).hasSize(2);
        assertThat(port.message("M3").shown()).isInstanceOf(Shown.Retired.class);
        assertThat(port.calls()).contains("post " + thread(port) + " Step");
        assertThat(port.in(thread(port)).stream().map(RecordingPort.Message::shown)
                .filter(Shown.Step.class::isInstance)).hasSize(1);

        // Without an on-call group configured, nobody is called.
        RecordingPort quiet = new RecordingPort(false, 1000);
        RunThreads none = threads(quiet);
        none.on(waiting);
        settle(none);
        assertThat(quiet.calls()).noneMatch(c -> c.endsWith("ApprovalCall"));
    }

    @Test
    void whatIsTooLongGoesToTheThreadAsAFileOnce() throws Exception {
        RecordingPort port = new RecordingPort(false, 10);
        RunThreads threads = threads(port);
        RunEvent.StepChanged failed = ThreadSamples.changed("slack", StepState.FAILED, "a long output\nof lines",
                List.of(Action.RETRY, Action.SKIP, Action.ABORT));
        threads.on(failed);
        threads.on(failed);
        settle(threads);

        assertThat(port.uploads()).containsExactly("R7-run-script.ps1 in " + thread(port),
                "R7-run-script-attempt-1.txt in " + thread(port));
        Shown.Step step = (Shown.Step) port.message("M3").shown();
        assertThat(step.inFiles()).containsExactlyInAnyOrder(ThreadPort.Content.SCRIPT, ThreadPort.Content.OUTPUT);
        assertThat(RunThreads.outputFile(step.view())).isEqualTo("R7-run-script-attempt-1.txt");
    }

    @Test
    void aDeletedStepMessageOrThreadIsMadeAgain() throws Exception {
        RecordingPort port = new RecordingPort(false, 1000);
        RunThreads threads = threads(port);
        RunEvent.StepChanged waiting = ThreadSamples.changed("slack", StepState.WAITING, null,
                List.of(Action.RUN, Action.SKIP, Action.ABORT));
        threads.on(waiting);
        settle(threads);
        String first = thread(port);
        port.delete("M3");
        threads.on(waiting);
        settle(threads);
        assertThat(port.calls()).containsSubsequence("post " + first + " Step", "post " + first + " Step");

        port.deleteThread(first);
        port.delete("M4");
        threads.on(waiting);
        settle(threads);
        assertThat(port.threads()).hasSize(1).doesNotContainKey(first);
        assertThat(port.in(port.threads().keySet().iterator().next())).hasSize(1);
    }

    @Test
    void aChannelThatRefusesTheHeaderIsToldToTheRequesterOnceAndLosesNothingLater() throws Exception {
        RecordingPort port = new RecordingPort(false, 1000);
        RunThreads threads = threads(port);
        port.refuse("not_in_channel");
        List<RunEvent> events = ThreadSamples.runEvents("slack");
        threads.on(events.get(0));
        threads.on(events.get(1));
        settle(threads);
        assertThat(port.told()).containsExactly("U1: not_in_channel");
        assertThat(port.calls()).isEmpty();

        port.refuse(null);
        threads.on(events.get(1));
        settle(threads);
        assertThat(port.calls()).startsWith("post C-RUNS Header", "thread R7 · Samples");
        assertThat(port.calls()).contains("post " + thread(port) + " Step");
    }

    @Test
    void aRunningScriptShowsItsNewestLinesAtMostOncePerIntervalAndNeverAfterItsResult() throws Exception {
        RecordingPort port = new RecordingPort(false, 1000);
        RunThreads threads = threads(port);
        RunEvent.StepChanged running = ThreadSamples.changed("slack", StepState.EXECUTING, null, List.of());
        threads.on(running);
        settle(threads);
        for (int i = 1; i <= 50; i++) {
            threads.on(new RunEvent.StepOutput(running.run(), running.step(),
                    i == 50 ? dev.ferry.connector.OutputListener.Stream.STDERR
                            : dev.ferry.connector.OutputListener.Stream.STDOUT, "line " + i));
        }
        Instant until = Instant.now().plusSeconds(10);
        while (port.calls().stream().noneMatch(c -> c.startsWith("edit M3")) && Instant.now().isBefore(until)) {
            Thread.sleep(20);
        }
        settle(threads);
        assertThat(port.calls()).filteredOn(c -> c.startsWith("edit M3")).hasSize(1);
        Shown.Step live = (Shown.Step) port.message("M3").shown();
        assertThat(live.liveOutput()).isEqualTo("line 48\nline 49\n! line 50");

        // The result comes; a line printed just before it must not bring the running view back.
        threads.on(new RunEvent.StepOutput(running.run(), running.step(),
                dev.ferry.connector.OutputListener.Stream.STDOUT, "late"));
        threads.on(ThreadSamples.changed("slack", StepState.SUCCEEDED, "all", List.of()));
        Thread.sleep(EVERY.toMillis() * 3);
        settle(threads);
        assertThat(((Shown.Step) port.message("M3").shown()).liveOutput()).isNull();
        assertThat(((Shown.Step) port.message("M3").shown()).view().record().state()).isEqualTo(StepState.SUCCEEDED);
    }

    private static String thread(RecordingPort port) {
        return port.threads().keySet().iterator().next();
    }
}
