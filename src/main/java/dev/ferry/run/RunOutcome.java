package dev.ferry.run;

import dev.ferry.access.Actor;

/**
 * The engine's answer to a press or a command on a run, as data: taken ({@link Pressed}, {@link Resumed})
 * or not ({@link Refusal}). The chat layer puts it in words.
 */
public sealed interface RunOutcome permits RunOutcome.Pressed, RunOutcome.Resumed, Refusal {

    boolean accepted();

    /** A press (or an abort) was taken on step {@code index} of its run. */
    record Pressed(Press press, int index) implements RunOutcome {
        @Override
        public boolean accepted() {
            return true;
        }
    }

    /** {@code /migrate resume}: the run's current step was shown again. */
    record Resumed(String runId, Actor actor, StepRecord current, int total) implements RunOutcome {
        @Override
        public boolean accepted() {
            return true;
        }
    }
}
