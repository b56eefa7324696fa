package dev.ferry.chat.discord;

import dev.ferry.access.Actor;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Reply;
import dev.ferry.run.Action;
import java.util.Optional;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;

/**
 * A press on a step's button: acknowledged at once without changing the message ({@code deferEdit}); the press
 * goes to the dispatcher on a worker, and the step's message is then edited by the chat core's run threads from the
 * engine's event, with the bot's token. A stale, repeated or losing press gets the dispatcher's sentence, privately.
 *
 * <p>Reject by an approver is the exception: a rejection needs a reason, so its press opens a form (a modal must be
 * the first answer to the press, so nothing is deferred before it); anyone else's Reject is pressed at once and
 * gets the refusal, as on every platform. The form carries the button's own custom id, which
 * already fits Discord's 100 characters; its submission is acknowledged at once and pressed with the reason.
 */
final class ButtonPresses {

    /** The form's one field. */
    static final String REASON = "reason";
    static final int REASON_LIMIT = 500;
    private static final String REJECT = Action.REJECT.word();

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
        ButtonIds.Pressed press = pressed.get();
        if (press.action().equals(REJECT) && dispatcher.lookups().asksForReason(actor)) {
            event.replyModal(reasonForm(event.getComponentId(), press)).queue();
            return;
        }
        event.deferEdit().queue();
        later(event.getHook(), press, actor, null);
    }

    /** The reject form's submission: the press, with the reason given. */
    void reasonGiven(ModalInteractionEvent event, Actor actor) {
        Optional<ButtonIds.Pressed> pressed = ButtonIds.parse(event.getModalId())
                .filter(p -> p.action().equals(REJECT));
        ModalMapping reason = event.getValue(REASON);
        if (pressed.isEmpty() || reason == null) {
            event.reply(ReplyMessages.create(Reply.error("That form is not one Ferry knows; press Reject on the"
                    + " newest step message again."))).setEphemeral(true).queue();
            return;
        }
        event.deferEdit().queue();
        later(event.getHook(), pressed.get(), actor, reason.getAsString());
    }

    static boolean owns(String modalId) {
        return modalId != null && modalId.startsWith(ButtonIds.PREFIX);
    }

    private void later(InteractionHook hook, ButtonIds.Pressed press, Actor actor, String reason) {
        answers.press(hook, press.action() + " on run " + press.runId(), () -> press(press, actor, reason));
    }

    private Reply press(ButtonIds.Pressed press, Actor actor, String reason) {
        String stepId = press.stepId() != null ? press.stepId()
                : dispatcher.lookups().stepId(press.runId(), press.stepIndex()).orElse(null);
        if (stepId == null) {
            return Reply.error("Run " + press.runId() + " has no step " + (press.stepIndex() + 1) + "; /migrate status "
                    + press.runId() + " shows its steps.");
        }
        return dispatcher.press(press.buttonValue(stepId), press.action(), actor, reason);
    }

    private static Modal reasonForm(String customId, ButtonIds.Pressed press) {
        String step = press.stepId() != null ? press.stepId() : "step " + (press.stepIndex() + 1);
        TextInput input = TextInput.create(REASON, TextInputStyle.PARAGRAPH)
                .setRequired(true)
                .setMaxLength(REASON_LIMIT)
                .setPlaceholder("e.g. not in the change window; the backup has not finished")
                .build();
        return Modal.create(customId, StepMessages.cut("Reject " + press.runId() + " · " + step,
                        Modal.MAX_TITLE_LENGTH))
                .addComponents(Label.of("Why reject it?", "Shown on the step's message and kept in the audit trail;"
                        + " the run waits until someone asks again.", input))
                .build();
    }
}
