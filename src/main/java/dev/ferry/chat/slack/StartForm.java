package dev.ferry.chat.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.Views;
import dev.ferry.chat.Reply;
import dev.ferry.procedure.Parameter;
import dev.ferry.procedure.ParameterType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The modal that asks for the parameters a {@code /migrate start} lacks, made from the procedure's parameters:
 * hosts of the inventory and enum values as selects, booleans as a checkbox, everything else (secrets too)
 * as text. A field's block id is its parameter's name, so the dispatcher's problems land beside their field.
 */
final class StartForm {

    static final String CALLBACK_ID = "ferry-start";
    private static final String ACTION_ID = "value";
    /** Slack's limit on a select's options. */
    private static final int OPTION_LIMIT = 100;
    private static final int PLACEHOLDER_LIMIT = 150;

    private StartForm() {
    }

    /** @param formId what the submission carries back as private metadata, to find the values already given */
    static View view(Reply.Form form, List<String> hostNames, String formId) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String given = form.given().isEmpty() ? "" : "\nAlready given: " + String.join(", ", form.given().keySet()) + ".";
        blocks.add(section(s -> s.text(markdownText("*" + SlackText.escape(SlackText.cut(form.title(), 2000)) + "*\n`"
                + form.procedureId() + "` needs these parameters to start." + SlackText.escape(given)))));
        for (Parameter parameter : form.fields()) {
            blocks.add(field(parameter, hostNames));
        }
        return Views.view(v -> v.type("modal").callbackId(CALLBACK_ID).privateMetadata(formId)
                .title(viewTitle(t -> t.type("plain_text").text("Start a run")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Start")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    private static LayoutBlock field(Parameter parameter, List<String> hostNames) {
        boolean checkbox = parameter.type() == ParameterType.BOOLEAN;
        String hint = (parameter.description() == null ? "" : parameter.description() + ". ")
                + (parameter.isSecret() ? "Kept in memory for this run only; never shown or stored." : "");
        return input(i -> {
            i.blockId(parameter.name()).label(plainText(parameter.name())).element(element(parameter, hostNames))
                    .optional(checkbox);
            if (!hint.isBlank()) {
                i.hint(plainText(SlackText.cut(hint.strip(), 2000)));
            }
            return i;
        });
    }

    private static BlockElement element(Parameter parameter, List<String> hostNames) {
        List<String> choices = switch (parameter.type()) {
            case HOST -> hostNames;
            case ENUM -> parameter.values();
            default -> List.of();
        };
        if (!choices.isEmpty() && choices.size() <= OPTION_LIMIT) {
            List<OptionObject> options = choices.stream().map(c -> option(plainText(SlackText.cut(c, 75)), c)).toList();
            return staticSelect(s -> s.actionId(ACTION_ID).options(options)
                    .placeholder(plainText(parameter.type() == ParameterType.HOST ? "a host of the inventory" : "choose")));
        }
        if (parameter.type() == ParameterType.BOOLEAN) {
            return checkboxes(c -> c.actionId(ACTION_ID).options(List.of(option(plainText("yes"), "true"))));
        }
        return plainTextInput(p -> p.actionId(ACTION_ID)
                .placeholder(plainText(SlackText.cut(parameter.rule(), PLACEHOLDER_LIMIT))));
    }

    /** The values a submission carries, by parameter name; an unticked checkbox is "false", an empty field absent. */
    static Map<String, String> values(ViewState state) {
        Map<String, String> values = new LinkedHashMap<>();
        if (state == null || state.getValues() == null) {
            return values;
        }
        state.getValues().forEach((blockId, actions) -> {
            ViewState.Value value = actions.get(ACTION_ID);
            if (value == null) {
                return;
            }
            String text = switch (value.getType() == null ? "" : value.getType()) {
                case "static_select" -> value.getSelectedOption() == null ? null : value.getSelectedOption().getValue();
                case "checkboxes" -> value.getSelectedOptions() != null && !value.getSelectedOptions().isEmpty()
                        ? "true" : "false";
                default -> value.getValue();
            };
            if (text != null && !text.isBlank()) {
                values.put(blockId, text);
            }
        });
        return values;
    }
}
