package dev.ferry.run;

import dev.ferry.procedure.StepKind;
import java.util.List;

/** Where one step of a run stands. */
public enum StepState {
    /** Not reached yet. */
    PENDING(false, "pending"),
    /** Its condition is false for this run's parameters. */
    NOT_APPLICABLE(true, "not applicable"),
    /** Posted; waiting for a person to press a button. */
    WAITING(false, "waiting"),
    /** Waits for an on-call approver (never the requester of the run or the asker) to approve or reject. */
    AWAITING_APPROVAL(false, "awaiting approval"),
    /** An approver rejected it, with a reason; the run waits until someone asks again, skips or aborts. */
    REJECTED(false, "rejected"),
    /** Nobody approved within the approval expiry; it must be asked for again. */
    APPROVAL_EXPIRED(false, "approval expired"),
    /** Its script is running on the host. */
    EXECUTING(false, "running"),
    /** Its script ended with exit code 0. */
    SUCCEEDED(true, "succeeded"),
    /** A person did the manual work and pressed Done. */
    DONE(true, "done"),
    /** Its script failed or could not be run. */
    FAILED(false, "failed"),
    /** Its script did not end within the step's timeout. */
    TIMED_OUT(false, "timed out"),
    /** Ferry stopped while the script was running: nobody knows whether it ran. */
    OUTCOME_UNKNOWN(false, "outcome unknown"),
    /** A person chose to skip it. */
    SKIPPED(true, "skipped"),
    /** A person declared a failed or unknown step done. */
    MARKED_DONE(true, "marked done"),
    /** The run was aborted while this step was current. */
    ABORTED(true, "aborted");

    private final boolean terminal;
    private final String words;

    StepState(boolean terminal, String words) {
        this.terminal = terminal;
        this.words = words;
    }

    public boolean terminal() {
        return terminal;
    }

    public String words() {
        return words;
    }

    /** The buttons a person may press on a step of {@code kind} in this state, in the order shown. */
    public List<Action> actions(StepKind kind) {
        return switch (this) {
            case WAITING -> kind == StepKind.MANUAL
                    ? List.of(Action.DONE, Action.SKIP, Action.ABORT)
                    : List.of(Action.RUN, Action.SKIP, Action.ABORT);
            case FAILED, TIMED_OUT, OUTCOME_UNKNOWN -> List.of(Action.RETRY, Action.MARK_DONE, Action.ABORT);
            case AWAITING_APPROVAL -> List.of(Action.APPROVE, Action.REJECT, Action.ABORT);
            case REJECTED, APPROVAL_EXPIRED -> List.of(Action.ASK_AGAIN, Action.SKIP, Action.ABORT);
            default -> List.of();
        };
    }
}
