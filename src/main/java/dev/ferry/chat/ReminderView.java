package dev.ferry.chat;

import dev.ferry.access.Actor;
import dev.ferry.run.Action;
import dev.ferry.run.RunEvent;
import dev.ferry.run.StepRecord;
import dev.ferry.run.StepState;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How a reminder reads on every platform: "R3 · step 4 'stop-service' has waited 35 min for a press (waiting), run
 * started by alice." Adapters only add their mark, the on-call mention of an escalation, and where the buttons are.
 *
 * @param waited how long the step has waited when the reminder is shown, measured on the presenter's one clock
 */
public record ReminderView(RunEvent.StepReminder reminder, Duration waited) {

    public boolean escalate() {
        return reminder.escalate();
    }

    /** The actions the step offers, whose buttons the reminder points to. */
    public List<Action> actions() {
        StepRecord record = reminder.record();
        return record.state().actions(reminder.step().kind());
    }

    /**
     * The sentence.
     *
     * @param escape makes Ferry's words safe for the platform's markup
     * @param person how the platform names the requester (a mention, or their name), already safe
     */
    public String sentence(UnaryOperator<String> escape, Function<Actor, String> person) {
        StepRecord record = reminder.record();
        boolean approval = record.state() == StepState.AWAITING_APPROVAL;
        return escape.apply(reminder.run().id() + " · step " + (record.index() + 1) + " '" + reminder.step().id()
                + "' has waited " + TimeWords.duration(waited) + (approval ? " for an approval" : " for a press")
                + " (" + record.state().words() + ")") + ", run started by " + person.apply(reminder.run().requester())
                + ".";
    }

    /** The sentence as plain text, the requester by name. */
    public String sentence() {
        return sentence(UnaryOperator.identity(), Actor::displayName);
    }
}
