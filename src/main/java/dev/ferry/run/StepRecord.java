package dev.ferry.run;

import java.time.Instant;

/**
 * What happened to one step of one run, as committed.
 *
 * @param attempt  1 for the first try; a retry adds one. A button press names the attempt it was shown for.
 * @param actor    who last pressed a button on this step
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
        Instant startedAt,
        Instant finishedAt,
        Integer exitCode,
        String output,
        String note) {

    StepRecord with(StepState newState, String newActor, String newNote) {
        return new StepRecord(runId, index, stepId, newState, attempt, newActor, startedAt, finishedAt, exitCode,
                output, newNote);
    }
}
