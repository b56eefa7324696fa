package dev.ferry.run;

import dev.ferry.access.Actor;
import java.time.Instant;

/**
 * What happened to one step of one run, as committed.
 *
 * @param attempt  1 for the first try; a retry adds one. A button press names the attempt it was shown for.
 * @param actor    who last pressed a button on this step (display name)
 * @param actorId  the same person as platform:user id, what the two-person rule compares
 * @param output   the script's output so far (scrubbed of secrets), capped in size
 * @param note     a sentence for people: why it failed, who skipped it
 */
public record StepRecord(
        String runId,
        int index,
        String stepId,
        StepState state,
        int attempt,
        String actor,
        String actorId,
        Instant startedAt,
        Instant finishedAt,
        Integer exitCode,
        String output,
        String note) {

    /** A first attempt that has not started: how every step of a new run begins. */
    static StepRecord initial(String runId, int index, String stepId, StepState state, String note) {
        return new StepRecord(runId, index, stepId, state, 1, null, null, null, null, null, null, note);
    }

    StepRecord with(StepState newState, Actor by, String newNote) {
        return new StepRecord(runId, index, stepId, newState, attempt, by == null ? actor : by.displayName(),
                by == null ? actorId : by.id(), startedAt, finishedAt, exitCode, output, newNote);
    }

    /** The step (re)starting now: a new state and attempt, timing and result cleared. */
    StepRecord restarted(StepState newState, int newAttempt, Actor by, Instant now, String newNote) {
        return new StepRecord(runId, index, stepId, newState, newAttempt, by.displayName(), by.id(), now, null, null,
                null, newNote);
    }

    /** The step ending now in {@code newState}, keeping what the script produced. */
    StepRecord ended(StepState newState, Actor by, Instant now, String newNote) {
        return new StepRecord(runId, index, stepId, newState, attempt, by == null ? actor : by.displayName(),
                by == null ? actorId : by.id(), startedAt, now, exitCode, output, newNote);
    }

    /** The result of a script: state, exit code, output, note. Who approved it stays in the note. */
    StepRecord result(StepState newState, Instant now, Integer newExitCode, String newOutput, String newNote) {
        String approval = note != null && note.startsWith("approved by ") ? note : null;
        String combined = approval == null ? newNote : newNote == null ? approval : newNote + " · " + approval;
        return new StepRecord(runId, index, stepId, newState, attempt, actor, actorId, startedAt, now, newExitCode,
                newOutput, combined);
    }
}
