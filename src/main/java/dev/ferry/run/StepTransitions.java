package dev.ferry.run;

import dev.ferry.access.Actor;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.Step;
import dev.ferry.procedure.StepKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * What a press does to a step: the next record, or why not. The two-person rule lives here: an approval is
 * decided by neither the requester of the run nor the person who asked for the step.
 */
final class StepTransitions {

    /** Ferry itself, for what it does without a press (checks, recovery). */
    static final Actor FERRY = new Actor("ferry", "engine", "Ferry");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ApprovalRule approvals;

    StepTransitions(ApprovalRule approvals) {
        this.approvals = approvals;
    }

    /**
     * @param next    the record to commit, or null
     * @param refusal why the press is refused (a record may still be committed, e.g. an expired request)
     */
    record Decision(StepRecord next, Refusal refusal) {
        static Decision to(StepRecord next) {
            return new Decision(next, null);
        }

        static Decision refuse(Refusal why) {
            return new Decision(null, why);
        }
    }

    /** How a step stands when the run reaches it. */
    StepRecord posted(Run run, Procedure procedure, Step step, StepRecord record, Instant now) {
        boolean approval = approvals.required(procedure, step);
        if (approval && step.kind() != StepKind.POWERSHELL) {
            return record.restarted(StepState.AWAITING_APPROVAL, record.attempt(), run.requester(), now,
                    "needs an on-call approval before it " + (step.kind() == StepKind.MANUAL ? "is done" : "runs"));
        }
        if (step.kind() == StepKind.CHECK) {
            return record.restarted(StepState.EXECUTING, record.attempt(), FERRY, now, null);
        }
        return new StepRecord(record.runId(), record.index(), record.stepId(), StepState.WAITING, record.attempt(),
                null, null, null, null, null, null, null);
    }

    Decision decide(RunSnapshot snapshot, Step step, StepRecord record, Press press, Instant now,
                    List<String> missingSecrets) {
        Actor actor = press.actor();
        Procedure procedure = snapshot.procedure();
        return switch (press.action()) {
            case RUN, RETRY -> {
                if (!missingSecrets.isEmpty()) {
                    yield Decision.refuse(new Refusal.MissingSecret(snapshot.run().id(), step.id(),
                            List.copyOf(missingSecrets)));
                }
                int attempt = press.action() == Action.RETRY ? record.attempt() + 1 : record.attempt();
                yield Decision.to(approvals.required(procedure, step)
                        ? record.restarted(StepState.AWAITING_APPROVAL, attempt, actor, now, "asked by " + actor)
                        : record.restarted(StepState.EXECUTING, attempt, actor, now, null));
            }
            case ASK_AGAIN -> Decision.to(record.restarted(StepState.AWAITING_APPROVAL, record.attempt(), actor, now,
                    "asked again by " + actor));
            case APPROVE, REJECT -> decideApproval(snapshot.run(), step, record, press, now);
            case DONE -> Decision.to(record.ended(StepState.DONE, actor, now, "by " + actor));
            case SKIP -> Decision.to(record.ended(StepState.SKIPPED, actor, now, "by " + actor));
            case MARK_DONE -> Decision.to(record.ended(StepState.MARKED_DONE, actor, now,
                    "by " + actor + " after it was " + record.state().words()));
            case ABORT -> Decision.to(record.ended(StepState.ABORTED, actor, now,
                    record.state() == StepState.EXECUTING
                            ? "by " + actor + " while the script was running; it may have partly run"
                            : "by " + actor));
        };
    }

    private Decision decideApproval(Run run, Step step, StepRecord record, Press press, Instant now) {
        Actor actor = press.actor();
        if (actor.id().equals(run.requester().id())) {
            return Decision.refuse(new Refusal.TwoPersonRule(actor, press.action(), run.id(), step.id(), true));
        }
        if (actor.id().equals(record.actorId())) {
            return Decision.refuse(new Refusal.TwoPersonRule(actor, press.action(), run.id(), step.id(), false));
        }
        Optional<StepRecord> expired = expired(record, now);
        if (expired.isPresent()) {
            return new Decision(expired.get(), new Refusal.ApprovalExpired(step.id(), expired.get().note()));
        }
        if (press.action() == Action.REJECT) {
            if (press.reason() == null || press.reason().isBlank()) {
                return Decision.refuse(new Refusal.ReasonNeeded(step.id()));
            }
            return Decision.to(record.with(StepState.REJECTED, actor, "by " + actor + ": " + press.reason().strip()));
        }
        String note = "approved by " + actor + " (asked by " + record.actor() + ")";
        return Decision.to(step.kind() == StepKind.MANUAL
                ? record.with(StepState.WAITING, actor, note)
                : record.restarted(StepState.EXECUTING, record.attempt(), actor, now, note));
    }

    /** The record an open approval request becomes once nobody decided it within the expiry, if it is that old. */
    Optional<StepRecord> expired(StepRecord record, Instant now) {
        if (record.state() != StepState.AWAITING_APPROVAL) {
            return Optional.empty();
        }
        Instant asked = record.startedAt() == null ? now : record.startedAt();
        if (!asked.plus(approvals.expiry()).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(record.with(StepState.APPROVAL_EXPIRED, null, "nobody decided within "
                + NoteWords.duration(approvals.expiry()) + " of the request at " + TIME.format(asked)));
    }
}
