package dev.ferry.chat.discord;

import dev.ferry.access.Actor;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Reply;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;

/**
 * A press on a step's button: acknowledged at once without changing the message ({@code deferEdit}); the press
 * goes to the dispatcher on a worker, and the step's message is then edited by {@link RunThreads} from the engine's
 * event, with the bot's token. A stale, repeated or losing press gets the dispatcher's sentence, privately.
 */
final class ButtonPresses {

    private final CommandDispatcher dispatcher;
    private final DeferredAnswers answers;

    ButtonPresses(CommandDispatcher dispatcher, DeferredAnswers answers) {
        this.dispatcher = dispatcher;
        this.answers = answers;
    }

    void handle(ButtonInteractionEvent event, Actor actor) {
        Optional<ButtonIds.Pressed> pressed = ButtonIds.parse(event.getComponentId());
        if (pressed.isEmpty()) {
            event.reply(ReplyMessages.create(Reply.error("That button is not one Ferry knows; use the buttons of the"
                    + " newest step message, or /migrate status."))).setEphemeral(true).queue();
            return;
        }
        event.deferEdit().queue();
        ButtonIds.Pressed press = pressed.get();
        answers.press(event.getHook(), press.action() + " on run " + press.runId(), () -> press(press, actor));
    }

    private Reply press(ButtonIds.Pressed press, Actor actor) {
        String stepId = press.stepId() != null ? press.stepId()
                : dispatcher.stepId(press.runId(), press.stepIndex()).orElse(null);
        if (stepId == null) {
            return Reply.error("Run " + press.runId() + " has no step " + (press.stepIndex() + 1) + "; /migrate status "
                    + press.runId() + " shows its steps.");
        }
        return dispatcher.press(press.buttonValue(stepId), press.action(), actor);
    }
}
