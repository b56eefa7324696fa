package dev.ferry.chat.discord;

import dev.ferry.chat.ButtonRef;
import dev.ferry.chat.StepView;
import java.util.Optional;
import net.dv8tion.jda.api.components.buttons.Button;

/**
 * What a step button carries in its custom id: {@code ferry:<action>:<run>:<step>:<attempt>}, the dispatcher's
 * button value behind the action word. Discord allows {@value Button#ID_MAX_LENGTH} characters; a step id too long
 * for that is replaced by its position, {@code #<index>}, which the press resolves through the dispatcher.
 */
final class ButtonIds {

    static final String PREFIX = "ferry:";

    private ButtonIds() {
    }

    static String of(String actionWord, StepView view) {
        String full = PREFIX + actionWord + ":" + view.buttonValue();
        if (full.length() <= Button.ID_MAX_LENGTH) {
            return full;
        }
        return PREFIX + actionWord + ":" + view.event().run().id() + ":#" + view.record().index() + ":"
                + view.record().attempt();
    }

    /** A decoded button; {@code stepIndex} is set (and {@code stepId} null) for the short form. */
    record Pressed(String action, String runId, String stepId, Integer stepIndex, int attempt) {

        /** The dispatcher's button value, once the step id is known. */
        String buttonValue(String resolvedStepId) {
            return new ButtonRef(runId, resolvedStepId, attempt).toString();
        }
    }

    static Optional<Pressed> parse(String customId) {
        if (customId == null || !customId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = customId.substring(PREFIX.length()).split(":");
        if (parts.length != 4 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()
                || !isNumber(parts[3])) {
            return Optional.empty();
        }
        int attempt = Integer.parseInt(parts[3]);
        if (parts[2].startsWith("#")) {
            String index = parts[2].substring(1);
            return isNumber(index) ? Optional.of(new Pressed(parts[0], parts[1], null, Integer.parseInt(index), attempt))
                    : Optional.empty();
        }
        return Optional.of(new Pressed(parts[0], parts[1], parts[2], null, attempt));
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
