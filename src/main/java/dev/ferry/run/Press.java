package dev.ferry.run;

import dev.ferry.access.Actor;

/**
 * A button press: which run, which step, the attempt the button was shown for, and who pressed it.
 *
 * @param reason why, where the action needs one (a rejection); otherwise null
 */
public record Press(String runId, String stepId, int attempt, Action action, Actor actor, String reason) {

    public Press(String runId, String stepId, int attempt, Action action, Actor actor) {
        this(runId, stepId, attempt, action, actor, null);
    }
}
