package dev.ferry.chat.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.access.Actor;
import dev.ferry.chat.ReminderView;
import dev.ferry.chat.ScheduleNoticeView;
import dev.ferry.chat.StepView;
import dev.ferry.connector.OutputListener;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureLoader;
import dev.ferry.run.Action;
import dev.ferry.run.Run;
import dev.ferry.run.RunEvent;
import dev.ferry.run.RunSnapshot;
import dev.ferry.run.RunStatus;
import dev.ferry.run.StepRecord;
import dev.ferry.run.StepState;
import dev.ferry.schedule.Fire;
import dev.ferry.schedule.Schedule;
import dev.ferry.schedule.ScheduleNotice;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One sample of every {@link RunEvent}, {@link ScheduleNotice} and {@link Shown} type, for the tests that every
 * platform shows each of them (in the style of JDA's event-consistency test). {@link #coverEveryType} fails as soon as
 * a type is added without a sample here, so a new type cannot slip past those tests.
 */
public final class ThreadSamples {

    public static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    public static final String CHANNEL = "C-RUNS";

    private ThreadSamples() {
    }

    public static Procedure procedure() {
        return ProcedureLoader.parse(Path.of("thread-samples.yml"), """
                id: thread-samples
                title: Samples
                source: tests
                steps:
                  - id: announce
                    title: Announce the window
                    kind: manual
                    approval: on-call
                    instructions: Tell the users.
                  - id: run-script
                    title: Run a script
                    kind: powershell
                    target: server
                    warning: Stops the service.
                    script: "Write-Output 'hello'"
                parameters:
                  server: { type: host }
                """);
    }

    public static Run run(String platform, RunStatus status) {
        return new Run("R7", "thread-samples", 1, Map.of("server", "spe-ih-01"), status, 1,
                new Actor(platform, "U1", "alice"), CHANNEL, NOW, NOW);
    }

    public static StepRecord record(int index, StepState state, String output) {
        String stepId = index == 0 ? "announce" : "run-script";
        boolean ended = state.terminal() || state == StepState.FAILED || state == StepState.TIMED_OUT;
        return new StepRecord("R7", index, stepId, state, 1, "alice", "x:U1", NOW, ended ? NOW : null,
                ended ? 0 : null, output, null);
    }

    public static RunEvent.StepChanged changed(String platform, StepState state, String output, List<Action> actions) {
        Procedure procedure = procedure();
        Run run = run(platform, RunStatus.ACTIVE);
        StepRecord record = record(1, state, output);
        RunSnapshot after = new RunSnapshot(run, procedure, List.of(record(0, StepState.DONE, null), record));
        return new RunEvent.StepChanged(run, procedure.steps().get(1), 2, record, "spe-ih-01",
                procedure.steps().get(1).script(), actions, after);
    }

    /** One of each run event, in the order a run makes them. */
    public static List<RunEvent> runEvents(String platform) {
        Procedure procedure = procedure();
        Run run = run(platform, RunStatus.ACTIVE);
        StepRecord waiting = record(0, StepState.AWAITING_APPROVAL, null);
        RunSnapshot started = new RunSnapshot(run, procedure, List.of(waiting, record(1, StepState.PENDING, null)));
        Run ended = run(platform, RunStatus.FINISHED);
        return List.of(
                new RunEvent.RunStarted(run, procedure, started),
                new RunEvent.StepChanged(run, procedure.steps().get(0), 2, waiting, null, null,
                        List.of(Action.APPROVE, Action.REJECT, Action.ABORT), started),
                new RunEvent.StepReminder(run, procedure.steps().get(0), waiting, NOW, true, started),
                changed(platform, StepState.EXECUTING, null, List.of()),
                new RunEvent.StepOutput(run, procedure.steps().get(1), OutputListener.Stream.STDOUT, "line one"),
                new RunEvent.RunEnded(ended, procedure, List.of(record(0, StepState.DONE, null),
                        record(1, StepState.SUCCEEDED, "hello"))));
    }

    public static Schedule schedule(String platform) {
        return new Schedule("S1", "thread-samples", Map.of("server", "spe-ih-01"), "0 0 6 * * ?", ZoneId.of("UTC"),
                platform, "C-SCHEDULES", "alice", Schedule.Origin.CHAT, NOW, NOW);
    }

    public static Fire fire(long id) {
        return new Fire(id, "S1", Fire.Kind.CRON, null, NOW, NOW, NOW, null, NOW, null, null, "ferry-1", null, null);
    }

    /** One of each schedule notice, for one fire (Skipped, Late and Recovering come first in their own fires). */
    public static List<ScheduleNotice> notices(String platform, String longOutput) {
        Schedule schedule = schedule(platform);
        return List.of(
                new ScheduleNotice.Late(schedule, fire(11), Duration.ofMinutes(3), 0),
                new ScheduleNotice.Recovering(schedule, fire(12), fire(10)),
                new ScheduleNotice.Skipped(schedule, fire(13), fire(12), 1),
                new ScheduleNotice.Started(schedule, fire(14), "Samples", List.of("run-script"), List.of("spe-ih-01")),
                new ScheduleNotice.Progress(schedule, fire(14), "run-script", Duration.ofMinutes(5), List.of("busy")),
                new ScheduleNotice.Succeeded(schedule, fire(14), Duration.ofMinutes(6), 0, List.of("done"), "done"),
                new ScheduleNotice.Failed(schedule, fire(15), "run-script", Duration.ofMinutes(1), 1,
                        "the script failed; see its output", List.of("boom"), longOutput));
    }

    /** One of each thing a presenter shows. */
    public static List<Shown> shown(String platform) {
        StepView waiting = new StepView(changed(platform, StepState.AWAITING_APPROVAL, null,
                List.of(Action.APPROVE, Action.REJECT, Action.ABORT)));
        StepView failed = new StepView(changed(platform, StepState.FAILED, "out\nput",
                List.of(Action.RETRY, Action.SKIP, Action.ABORT)));
        RunEvent.StepReminder reminder = (RunEvent.StepReminder) runEvents(platform).get(2);
        RunEvent.RunEnded ended = (RunEvent.RunEnded) runEvents(platform).get(5);
        return List.of(
                new Shown.Header(((RunEvent.RunStarted) runEvents(platform).get(0)).started()),
                new Shown.Step(failed, null, Set.of(ThreadPort.Content.OUTPUT)),
                new Shown.Retired(waiting),
                new Shown.ApprovalCall(waiting),
                new Shown.Reminder(new ReminderView(reminder, Duration.ofMinutes(35))),
                new Shown.Ended(ended.ended()),
                new Shown.Notice(new ScheduleNoticeView(notices(platform, "x").get(6)), true));
    }

    /** Fails when a run event, schedule notice or shown type has no sample above. */
    public static void coverEveryType() {
        assertThat(types(runEvents("slack"))).as("a sample of every RunEvent type")
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(RunEvent.class.getPermittedSubclasses()));
        assertThat(types(notices("slack", "x"))).as("a sample of every ScheduleNotice type")
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(ScheduleNotice.class.getPermittedSubclasses()));
        assertThat(types(shown("slack"))).as("a sample of every Shown type")
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(Shown.class.getPermittedSubclasses()));
    }

    private static Set<Class<?>> types(List<?> samples) {
        return Set.copyOf(samples.stream().map(Object::getClass).toList());
    }
}
