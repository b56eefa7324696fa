package dev.ferry.run;

import dev.ferry.procedure.Step;
import java.time.Instant;

/**
 * A run's current step that waits for a person, and since when.
 *
 * @param since when the step's record last changed: the start of the wait in its current state
 */
public record WaitingStep(Run run, Step step, StepRecord record, Instant since) {
}
