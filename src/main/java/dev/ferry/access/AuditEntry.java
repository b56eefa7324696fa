package dev.ferry.access;

import java.time.Instant;

/**
 * One line of the audit trail.
 *
 * @param id           its place in the trail, set when appended (null before)
 * @param runId        the run it concerns, or null for commands that concern none
 * @param kind         what happened (see {@link Kind})
 * @param host         where a script ran, for executions
 * @param scriptSha256 SHA-256 of the script as shown (secrets masked), for executions
 * @param detail       a sentence: the command as typed (secrets masked), the reason, the note
 */
public record AuditEntry(
        Long id,
        Instant at,
        String runId,
        Kind kind,
        String platform,
        String actorId,
        String actorName,
        String stepId,
        Integer attempt,
        String host,
        Integer exitCode,
        String scriptSha256,
        String detail) {

    public enum Kind {
        COMMAND,
        PRESS,
        REFUSED,
        RUN_STARTED,
        STEP_POSTED,
        APPROVAL_REQUESTED,
        APPROVED,
        REJECTED,
        APPROVAL_EXPIRED,
        EXECUTION_STARTED,
        EXECUTION_ENDED,
        STEP_SETTLED,
        OUTCOME_UNKNOWN,
        RUN_ENDED
    }

    /** An entry about {@code actor}, the rest to be filled with the with-methods. */
    public static AuditEntry of(Kind kind, Actor actor, String runId, Instant at) {
        return new AuditEntry(null, at, runId, kind, actor.platform(), actor.id(), actor.displayName(), null, null,
                null, null, null, null);
    }

    public AuditEntry step(String newStepId, Integer newAttempt) {
        return new AuditEntry(id, at, runId, kind, platform, actorId, actorName, newStepId, newAttempt, host, exitCode,
                scriptSha256, detail);
    }

    public AuditEntry execution(String newHost, Integer newExitCode, String newScriptSha256) {
        return new AuditEntry(id, at, runId, kind, platform, actorId, actorName, stepId, attempt, newHost, newExitCode,
                newScriptSha256, detail);
    }

    public AuditEntry detail(String newDetail) {
        return new AuditEntry(id, at, runId, kind, platform, actorId, actorName, stepId, attempt, host, exitCode,
                scriptSha256, newDetail);
    }
}
