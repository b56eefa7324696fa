package dev.ferry.run;

import dev.ferry.procedure.StepKind;
import java.util.Arrays;
import java.util.Optional;

/**
 * Of two presses on the same step message (Approve and Reject at once, Run twice), the one that lost hears
 * ({@link Refusal.DecidedFirst}) what the first did, read from the step's record as the first left it: who,
 * and which button. Only a press a person made counts (never Ferry's own changes), and only when both buttons
 * were on one message, so a wrong word typed later still hears which buttons the step has now.
 */
final class EarlierPress {

    private EarlierPress() {
    }

    /**
     * What the earlier press did ("bob already approved step 2 'stop-service' of run R1"), when {@code record}
     * shows that a person's press made it what it is and {@code press} was on the message that press answered;
     * otherwise empty.
     */
    static Optional<Refusal.DecidedFirst> beat(RunSnapshot snapshot, StepRecord record, Press press) {
        StepKind kind = snapshot.procedure().steps().get(record.index()).kind();
        Action earlier = earlierAction(record, press);
        if (earlier == null || !onOneMessage(earlier, press.action(), kind)) {
            return Optional.empty();
        }
        // Reject, Done, Skip and Mark done say what the step is now; after the others it may have moved on.
        boolean stateSaid = switch (earlier) {
            case REJECT, DONE, SKIP, MARK_DONE -> true;
            default -> false;
        };
        Run run = snapshot.run();
        StepRecord waitingOn = !run.status().ended() && run.currentIndex() != record.index() ? snapshot.current() : null;
        return Optional.of(new Refusal.DecidedFirst(run.id(), earlier, record, stateSaid, waitingOn));
    }

    /** The press that left {@code record} as it is, if a person made it on a message {@code press} could share. */
    private static Action earlierAction(StepRecord record, Press press) {
        if (record.actorId() == null || record.actorId().equals(StepTransitions.FERRY.id())) {
            return null;
        }
        String note = record.note() == null ? "" : record.note();
        boolean approved = note.startsWith("approved by ") || note.contains(" · approved by ");
        if (press.attempt() == record.attempt() - 1) {
            // Retry starts the next attempt; the retry's own message had the attempt before.
            boolean retried = record.state() == StepState.AWAITING_APPROVAL ? note.startsWith("asked by ")
                    : record.state() != StepState.REJECTED && record.state() != StepState.APPROVAL_EXPIRED && !approved;
            return retried ? Action.RETRY : null;
        }
        if (press.attempt() != record.attempt()) {
            return null;
        }
        return switch (record.state()) {
            case REJECTED -> Action.REJECT;
            case AWAITING_APPROVAL -> note.startsWith("asked again by ") ? Action.ASK_AGAIN
                    : note.startsWith("asked by ") && record.attempt() == 1 ? Action.RUN : null;
            case WAITING -> approved ? Action.APPROVE : null;
            case EXECUTING, SUCCEEDED, FAILED, TIMED_OUT, OUTCOME_UNKNOWN -> approved ? Action.APPROVE
                    : record.attempt() == 1 ? Action.RUN : null;
            case DONE -> Action.DONE;
            case SKIPPED -> Action.SKIP;
            case MARKED_DONE -> Action.MARK_DONE;
            default -> null;
        };
    }

    /** Whether some state of a step of {@code kind} offers both buttons on its message. */
    private static boolean onOneMessage(Action earlier, Action pressed, StepKind kind) {
        return Arrays.stream(StepState.values())
                .map(state -> state.actions(kind))
                .anyMatch(actions -> actions.contains(earlier) && actions.contains(pressed));
    }
}
