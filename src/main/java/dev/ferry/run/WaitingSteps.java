package dev.ferry.run;

import dev.ferry.procedure.Step;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The current steps that wait for a person, found for reminders, and the reminders themselves. */
final class WaitingSteps {

    private final RunRepository runs;
    private final RunProcedures procedures;
    private final RunTransaction units;
    private final Clock clock;

    WaitingSteps(RunRepository runs, RunProcedures procedures, RunTransaction units, Clock clock) {
        this.runs = runs;
        this.procedures = procedures;
        this.units = units;
        this.clock = clock;
    }

    /** Steps that offer buttons (a press, an approval, a retry) and have waited longer than {@code duration}. */
    List<WaitingStep> longerThan(Duration duration) {
        List<WaitingStep> waiting = new ArrayList<>();
        for (RunRepository.CurrentStep current : runs.currentStepsUnchangedSince(clock.instant().minus(duration))) {
            procedures.snapshot(current.record().runId()).ifPresent(snapshot -> {
                Step step = snapshot.procedure().steps().get(current.record().index());
                if (!current.record().state().actions(step.kind()).isEmpty()) {
                    waiting.add(new WaitingStep(snapshot.run(), step, current.record(), current.since()));
                }
            });
        }
        return waiting;
    }

    /**
     * Publishes a {@link RunEvent.StepReminder} for a step found by {@link #longerThan}, if it still waits as
     * it did then (same state and attempt). Changes nothing.
     *
     * @return false when the step moved on meanwhile and nobody needs reminding
     */
    boolean remind(WaitingStep waiting, boolean escalate) {
        return units.on(waiting.run().id(), unit -> procedures.snapshot(waiting.run().id())
                .filter(s -> !s.run().status().ended() && s.run().currentIndex() == waiting.record().index())
                .filter(s -> {
                    StepRecord r = s.steps().get(waiting.record().index());
                    return r.state() == waiting.record().state() && r.attempt() == waiting.record().attempt();
                })
                .map(s -> {
                    unit.show(new RunEvent.StepReminder(waiting.run(), waiting.step(),
                            s.steps().get(waiting.record().index()), waiting.since(), escalate, s));
                    return true;
                })
                .orElse(false));
    }
}
