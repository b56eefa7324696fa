package dev.ferry.run;

import dev.ferry.access.Actor;

/** A button press: which run, which step, the attempt the button was shown for, and who pressed it. */
public record Press(String runId, String stepId, int attempt, Action action, Actor actor) {
}
