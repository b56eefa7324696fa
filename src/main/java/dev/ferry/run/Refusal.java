package dev.ferry.run;

import dev.ferry.access.Actor;
import java.util.List;

/**
 * Why the engine took no press or command, one record per kind, carrying what a sentence about it needs.
 * The chat layer words them; the engine never does.
 */
public sealed interface Refusal extends RunOutcome {

    @Override
    default boolean accepted() {
        return false;
    }

    /** What a person asked of a run that was refused: what "nothing left" means for it. */
    enum Asked {
        PRESS, ABORT, RESUME
    }

    record NoSuchRun(String runId) implements Refusal {
    }

    /** The run finished or was aborted: nothing in it takes {@code asked} any more. */
    record RunEnded(String runId, RunStatus status, Asked asked) implements Refusal {
    }

    record NoSuchStep(String runId, String stepId) implements Refusal {
    }

    /** A press on a step that is not the run's current one. */
    record NotCurrentStep(String runId, StepRecord pressed, StepRecord current) implements Refusal {
    }

    /** A press for an attempt of the step that is not its newest. */
    record StaleAttempt(int pressedAttempt, StepRecord record) implements Refusal {
    }

    /** The step's script is running: no button but its result moves it on. */
    record Running(StepRecord record) implements Refusal {
    }

    /** {@code action} is not one of the buttons the step offers now ({@code allowed}). */
    record NotAButtonNow(Action action, StepRecord record, List<Action> allowed) implements Refusal {
    }

    /**
     * Of two presses on one message, this one lost: {@code earlier} is what the winner pressed, {@code record}
     * the step as the winner left it.
     *
     * @param waitingOn the run's current step when it moved past {@code record}; null otherwise
     * @param stateSaid whether {@code earlier} itself says what the step is now (Reject, Done, Skip, Mark done)
     */
    record DecidedFirst(String runId, Action earlier, StepRecord record, boolean stateSaid, StepRecord waitingOn)
            implements Refusal {
    }

    /** Another press won at the conditional write: the step is now {@code latest}. */
    record PressedFirst(String stepId, StepRecord latest) implements Refusal {
    }

    /**
     * The two-person rule: an approval is decided by neither the run's requester nor the step's asker.
     *
     * @param requester true when {@code actor} started the run; false when they asked for the step
     */
    record TwoPersonRule(Actor actor, Action action, String runId, String stepId, boolean requester)
            implements Refusal {
    }

    /** The approval request expired before the decision (committed as "approval expired"). */
    record ApprovalExpired(String stepId, String note) implements Refusal {
    }

    record ReasonNeeded(String stepId) implements Refusal {
    }

    /** The step's script needs secrets this process no longer holds (it restarted). */
    record MissingSecret(String runId, String stepId, List<String> names) implements Refusal {
    }

    /** Resume was given a value that is not one of the procedure's secret parameters. */
    record NotASecret(String procedureId, List<String> secretNames, String name) implements Refusal {
    }

    record EmptySecret(String name) implements Refusal {
    }
}
