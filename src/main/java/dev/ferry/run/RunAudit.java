package dev.ferry.run;

import dev.ferry.access.Actor;
import dev.ferry.access.AuditEntry;
import dev.ferry.access.AuditEntry.Kind;
import dev.ferry.access.AuditTrail;
import dev.ferry.procedure.Procedure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/** Writes the engine's part of the audit trail, inside the transaction of the change it records. */
final class RunAudit {

    private final AuditTrail trail;
    private final Clock clock;

    RunAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    void runStarted(Run run, Procedure procedure) {
        trail.append(AuditEntry.of(Kind.RUN_STARTED, run.requester(), run.id(), clock.instant())
                .detail(procedure.id() + " v" + procedure.version() + " in " + run.channel() + " with "
                        + run.parameters()));
    }

    /** A step's change: the kind says what happened; for executions the host and script are recorded. */
    void step(Run run, Kind kind, Actor actor, StepRecord record, String host, String shownScript) {
        AuditEntry entry = AuditEntry.of(kind, actor, run.id(), clock.instant())
                .step(record.stepId(), record.attempt())
                .detail(record.state().words() + (record.note() == null ? "" : ": " + record.note()));
        if (kind == Kind.EXECUTION_STARTED || kind == Kind.EXECUTION_ENDED) {
            entry = entry.execution(host, record.exitCode(), shownScript == null ? null : sha256(shownScript));
        }
        trail.append(entry);
    }

    /**
     * A press the engine took, before what it changed. A refused press is written by the chat layer, which puts
     * the refusal in words.
     */
    void press(Press press) {
        trail.append(AuditEntry.of(Kind.PRESS, press.actor(), press.runId(), clock.instant())
                .step(press.stepId(), press.attempt())
                .detail(press.action().word() + (press.reason() == null || press.reason().isBlank() ? ""
                        : ", reason: " + press.reason().strip())));
    }

    void runEnded(Run run, Actor actor) {
        trail.append(AuditEntry.of(Kind.RUN_ENDED, actor, run.id(), clock.instant()).detail(run.status().words()));
    }

    /** What a press means for the trail: a decision, or what the record it produced says. */
    static Kind kindOf(Action action, StepRecord next) {
        if (action == Action.APPROVE) {
            return Kind.APPROVED;
        }
        if (action == Action.REJECT) {
            return Kind.REJECTED;
        }
        return kindOf(next);
    }

    /** What a change that no press made (a step posted, a check started, recovery) means for the trail. */
    static Kind kindOf(StepRecord next) {
        return switch (next.state()) {
            case AWAITING_APPROVAL -> Kind.APPROVAL_REQUESTED;
            case EXECUTING -> Kind.EXECUTION_STARTED;
            case APPROVAL_EXPIRED -> Kind.APPROVAL_EXPIRED;
            case OUTCOME_UNKNOWN -> Kind.OUTCOME_UNKNOWN;
            case WAITING -> Kind.STEP_POSTED;
            default -> Kind.STEP_SETTLED;
        };
    }

    /** The hash of a script as shown (secrets masked): it identifies what ran without keeping a secret. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
