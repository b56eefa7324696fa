package dev.ferry.run;

import dev.ferry.procedure.Step;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart: a step found executing is never run again by itself. It becomes "outcome unknown" and
 * offers Retry, Mark done and Abort; only a step declared idempotent, whose secrets this process holds, is run
 * again.
 */
final class RunRecovery {

    private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);

    private final RunRepository runs;
    private final RunProcedures procedures;
    private final RunSecrets secrets;
    private final RunTransaction units;
    private final StepEvents events;
    private final RunAudit audit;
    private final Clock clock;

    RunRecovery(RunRepository runs, RunProcedures procedures, RunSecrets secrets, RunTransaction units,
                StepEvents events, RunAudit audit, Clock clock) {
        this.runs = runs;
        this.procedures = procedures;
        this.secrets = secrets;
        this.units = units;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    void recover() {
        for (StepRecord record : runs.executing()) {
            boolean rerun = units.on(record.runId(), unit -> {
                RunSnapshot snapshot = procedures.snapshot(record.runId()).orElseThrow();
                Step step = snapshot.procedure().steps().get(record.index());
                boolean again = step.idempotent() && secrets.missingFor(snapshot, step).isEmpty();
                Instant now = clock.instant();
                StepRecord next = again
                        ? record.restarted(StepState.EXECUTING, record.attempt() + 1, StepTransitions.FERRY, now,
                                "Ferry restarted while attempt " + record.attempt() + " ran; running it again"
                                        + " because the step is idempotent")
                        : record.result(StepState.OUTCOME_UNKNOWN, now, null, record.output(), "Ferry stopped while"
                                + " attempt " + record.attempt() + " was running; it may or may not have completed."
                                + " Check the host, then Retry, Mark done or Abort.");
                RunEvent.StepChanged shown = events.changed(snapshot, next);
                unit.write(() -> {
                    if (runs.transition(record, next)) {
                        audit.step(snapshot.run(), RunAudit.kindOf(next), StepTransitions.FERRY, next,
                                shown.target(), shown.script());
                    }
                    return null;
                });
                unit.show(shown);
                if (again) {
                    List<StepRecord> records = new ArrayList<>(snapshot.steps());
                    records.set(record.index(), next);
                    unit.after(new RunSnapshot(snapshot.run(), snapshot.procedure(), List.copyOf(records)));
                    unit.execute(next);
                }
                return again;
            });
            log.info("Recovered step {} of run {}: {}", record.stepId(), record.runId(),
                    rerun ? "running again (idempotent)" : "outcome unknown");
        }
    }
}
