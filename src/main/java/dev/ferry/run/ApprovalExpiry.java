package dev.ferry.run;

import dev.ferry.access.AuditEntry;
import java.time.Clock;
import java.util.Optional;

/**
 * Approval requests nobody decided within the expiry become "approval expired": committed, audited as
 * Ferry's, and shown, so the thread says so without waiting for someone to press.
 */
final class ApprovalExpiry {

    private final RunRepository runs;
    private final RunProcedures procedures;
    private final RunTransaction units;
    private final StepTransitions transitions;
    private final StepEvents events;
    private final RunAudit audit;
    private final Clock clock;

    ApprovalExpiry(RunRepository runs, RunProcedures procedures, RunTransaction units, StepTransitions transitions,
                   StepEvents events, RunAudit audit, Clock clock) {
        this.runs = runs;
        this.procedures = procedures;
        this.units = units;
        this.transitions = transitions;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** @return how many requests expired */
    int expire() {
        int expired = 0;
        for (StepRecord open : runs.inState(StepState.AWAITING_APPROVAL)) {
            boolean done = units.on(open.runId(), unit -> {
                Optional<StepRecord> next = transitions.expired(open, clock.instant());
                RunSnapshot snapshot = procedures.snapshot(open.runId()).orElse(null);
                if (next.isEmpty() || snapshot == null) {
                    return false;
                }
                RunEvent.StepChanged shown = events.changed(snapshot, next.get());
                boolean won = unit.write(() -> {
                    if (!runs.transition(open, next.get())) {
                        return false;
                    }
                    audit.step(snapshot.run(), AuditEntry.Kind.APPROVAL_EXPIRED, StepTransitions.FERRY, next.get(),
                            shown.target(), shown.script());
                    return true;
                });
                if (won) {
                    unit.show(shown);
                }
                return won;
            });
            if (done) {
                expired++;
            }
        }
        return expired;
    }
}
