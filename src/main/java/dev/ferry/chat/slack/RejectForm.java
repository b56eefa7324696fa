package dev.ferry.chat.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.Views;
import dev.ferry.chat.ButtonRef;
import java.util.List;
import java.util.Optional;

/**
 * The modal that asks an approver why they reject a step: one required text field. Its private metadata holds
 * only where the button was (the button's value, the channel, the thread), nothing a person typed.
 */
final class RejectForm {

    static final String CALLBACK_ID = "ferry-reject";
    static final String BLOCK_ID = "reason";
    private static final String ACTION_ID = "value";
    /** Long enough for a sentence or two; the step message shows it whole. */
    static final int REASON_LIMIT = 500;

    private RejectForm() {
    }

    /** The step the Reject button was on: its button value, and the channel and thread its message is in. */
    record Target(String buttonValue, String channel, String threadTs) {

        String metadata() {
            return String.join(" ", buttonValue, channel == null ? "-" : channel, threadTs == null ? "-" : threadTs);
        }

        static Optional<Target> of(String metadata) {
            String[] parts = metadata == null ? new String[0] : metadata.split(" ");
            if (parts.length != 3 || parts[0].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Target(parts[0], "-".equals(parts[1]) ? null : parts[1],
                    "-".equals(parts[2]) ? null : parts[2]));
        }
    }

    static View view(Target target) {
        String step = ButtonRef.parse(target.buttonValue())
                .map(b -> "step `" + b.stepId() + "` of run " + b.runId() + " (attempt " + b.attempt() + ")")
                .orElse("this step");
        return Views.view(v -> v.type("modal").callbackId(CALLBACK_ID).privateMetadata(target.metadata())
                .title(viewTitle(t -> t.type("plain_text").text("Reject a step")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Reject")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        section(s -> s.text(markdownText("You are rejecting " + SlackText.escape(step) + ". The run"
                                + " waits until someone presses Ask again, Skip or Abort; your reason is shown in"
                                + " the step's message and kept in the audit trail."))),
                        input(i -> i.blockId(BLOCK_ID).label(plainText("Why?"))
                                .hint(plainText("What should change before it is asked again."))
                                .element(plainTextInput(p -> p.actionId(ACTION_ID).multiline(true)
                                        .maxLength(REASON_LIMIT)
                                        .placeholder(plainText("e.g. not before the change window at 22:00"))))))));
    }

    /** The reason as typed, stripped; empty when there is none. */
    static String reason(ViewState state) {
        if (state == null || state.getValues() == null || state.getValues().get(BLOCK_ID) == null) {
            return "";
        }
        ViewState.Value value = state.getValues().get(BLOCK_ID).get(ACTION_ID);
        return value == null || value.getValue() == null ? "" : value.getValue().strip();
    }
}
