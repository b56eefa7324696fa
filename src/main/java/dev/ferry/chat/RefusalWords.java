package dev.ferry.chat;

import dev.ferry.run.Action;
import dev.ferry.run.Refusal;
import dev.ferry.run.RunOutcome;
import dev.ferry.run.RunStatus;
import dev.ferry.run.StepRecord;

/**
 * What the engine's answer to a press or a command on a run says to the person: one sentence per kind of
 * refusal (what was wrong, what to do instead), and the line that confirms a press or a resume.
 */
public final class RefusalWords {

    private RefusalWords() {
    }

    /** The answer as chat shows it: accepted or not, in words. */
    public static Outcome of(RunOutcome outcome) {
        return new Outcome(outcome.accepted(), words(outcome));
    }

    public static String words(RunOutcome outcome) {
        if (outcome instanceof RunOutcome.Pressed pressed) {
            return pressed.press().actor() + " pressed " + pressed.press().action().label() + " on step "
                    + (pressed.index() + 1) + " '" + pressed.press().stepId() + "' of run " + pressed.press().runId()
                    + ".";
        }
        if (outcome instanceof RunOutcome.Resumed resumed) {
            return "Run " + resumed.runId() + " resumed by " + resumed.actor() + " at step "
                    + (resumed.current().index() + 1) + "/" + resumed.total() + " '" + resumed.current().stepId()
                    + "' (" + resumed.current().state().words() + ").";
        }
        return words((Refusal) outcome);
    }

    static String words(Refusal refusal) {
        if (refusal instanceof Refusal.NoSuchRun none) {
            return "There is no run " + none.runId() + ". /migrate status lists the active runs.";
        }
        if (refusal instanceof Refusal.RunEnded ended) {
            String nothingLeft = switch (ended.asked()) {
                case PRESS -> "nothing in it waits for a press";
                case ABORT -> "there is nothing to abort";
                case RESUME -> "there is nothing to resume. Start a new run with /migrate start";
            };
            return "Run " + ended.runId() + " has " + (ended.status() == RunStatus.FINISHED ? "finished"
                    : "been aborted") + "; " + nothingLeft + ".";
        }
        if (refusal instanceof Refusal.NoSuchStep none) {
            return "Run " + none.runId() + " has no step '" + none.stepId() + "'.";
        }
        if (refusal instanceof Refusal.NotCurrentStep other) {
            return "Step '" + other.pressed().stepId() + "' is " + describe(other.pressed()) + "; run "
                    + other.runId() + " now waits on step " + step(other.current()) + ". Use that step's message.";
        }
        if (refusal instanceof Refusal.StaleAttempt stale) {
            return "That button was for attempt " + stale.pressedAttempt() + " of step '" + stale.record().stepId()
                    + "', which is now at attempt " + stale.record().attempt() + " ("
                    + stale.record().state().words() + "). Use the newest message of the step.";
        }
        if (refusal instanceof Refusal.Running running) {
            return "Step '" + running.record().stepId() + "' is running (attempt " + running.record().attempt()
                    + ", started by " + running.record().actor() + "); wait for its result.";
        }
        if (refusal instanceof Refusal.NotAButtonNow button) {
            return "'" + button.action().word() + "' is not a button of step '" + button.record().stepId()
                    + "' while it is " + button.record().state().words() + "; press one of: "
                    + String.join(", ", button.allowed().stream().map(Action::word).toList()) + ".";
        }
        if (refusal instanceof Refusal.DecidedFirst first) {
            return decidedFirst(first);
        }
        if (refusal instanceof Refusal.PressedFirst first) {
            return "Someone else pressed first: step '" + first.stepId() + "' is now " + describe(first.latest())
                    + ". Nothing was changed by your press.";
        }
        if (refusal instanceof Refusal.TwoPersonRule rule) {
            String verb = rule.action() == Action.APPROVE ? "approve" : "reject";
            return rule.actor() + (rule.requester()
                    ? " started run " + rule.runId() + " and so cannot " + verb + " its steps:"
                    : " asked for step '" + rule.stepId() + "' and so cannot " + verb + " it:")
                    + " another on-call approver must (two-person rule).";
        }
        if (refusal instanceof Refusal.ApprovalExpired expired) {
            return "The approval request for step '" + expired.stepId() + "' expired (" + expired.note()
                    + "). Press Ask again to request a new approval.";
        }
        if (refusal instanceof Refusal.ReasonNeeded reason) {
            return "Rejecting step '" + reason.stepId() + "' needs a reason, so the requester knows what to change;"
                    + " give one with the rejection.";
        }
        if (refusal instanceof Refusal.MissingSecret missing) {
            return "Step '" + missing.stepId() + "' needs secret " + String.join(", ", missing.names())
                    + ", which Ferry no longer holds (secrets are kept only in memory, and Ferry restarted)."
                    + " Give it again with /migrate resume " + missing.runId() + " " + missing.names().get(0)
                    + "=<value>.";
        }
        if (refusal instanceof Refusal.NotASecret other) {
            return "resume takes only the secret parameters of " + other.procedureId() + " ("
                    + String.join(", ", other.secretNames()) + "), not '" + other.name() + "'.";
        }
        Refusal.EmptySecret empty = (Refusal.EmptySecret) refusal;
        return "Secret " + empty.name() + " is empty; give its value.";
    }

    /** "bob already approved step 2 'stop-service' of run R1 (it is running now); nothing was changed by …". */
    private static String decidedFirst(Refusal.DecidedFirst first) {
        StepRecord record = first.record();
        String did = switch (first.earlier()) {
            case APPROVE -> "approved";
            case REJECT -> "rejected";
            default -> "pressed " + first.earlier().label() + " on";
        };
        return record.actor() + " already " + did + " step " + (record.index() + 1) + " '" + record.stepId()
                + "' of run " + first.runId()
                + (first.stateSaid() ? "" : " (it is " + record.state().words() + " now)")
                + "; nothing was changed by your press."
                + (first.waitingOn() == null ? "" : " The run now waits on step " + step(first.waitingOn()) + ".");
    }

    /** "2 'stop-service' (waiting)". */
    private static String step(StepRecord record) {
        return (record.index() + 1) + " '" + record.stepId() + "' (" + record.state().words() + ")";
    }

    private static String describe(StepRecord record) {
        return record.state().words() + (record.actor() == null ? "" : " (" + record.actor() + ")");
    }
}
