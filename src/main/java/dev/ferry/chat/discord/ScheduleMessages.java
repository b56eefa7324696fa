package dev.ferry.chat.discord;

import dev.ferry.chat.ScheduleNoticeView;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * How a schedule's notice looks on Discord: its headline ({@link ScheduleNoticeView}, the wording every platform
 * shares) and the last lines of output in a block; a result whose whole output is in a file of the fire's thread
 * says so. A failure mentions the on-call role. Nothing here talks to Discord; {@link DiscordThreadPort} posts what
 * these methods build.
 */
final class ScheduleMessages {

    private static final int HEADLINE_LIMIT = 1200;
    /** Below this much room the last lines are left out rather than shown as a sliver. */
    private static final int LINES_MINIMUM = 100;

    private ScheduleMessages() {
    }

    /**
     * The notice's message.
     *
     * @param outputInFile whether the whole output is in a file in the fire's thread
     * @param role         the role to mention, or null for no one
     */
    static MessageCreateData notice(ScheduleNoticeView view, boolean outputInFile, String role) {
        String head = (role == null ? "" : "<@&" + role + "> ")
                + StepMessages.cut(MarkdownSanitizer.escape("◷ " + view.headline()), HEADLINE_LIMIT);
        String tail = outputInFile ? "\n*" + MarkdownSanitizer.escape("The whole output ("
                + view.fullOutput().lines().count() + " lines) is in this fire's thread as " + view.outputFileName()
                + ".") + "*" : "";
        String lines = lastLines(view.lastLines(), Message.MAX_CONTENT_LENGTH - head.length() - tail.length() - 10);
        MessageCreateBuilder message = new MessageCreateBuilder()
                .setContent(StepMessages.cut(head + lines + tail, Message.MAX_CONTENT_LENGTH))
                .setAllowedMentions(List.of());
        return role == null ? message.build() : message.mentionRoles(role).build();
    }

    /** As many of the last lines as fit in {@code room}, in a block, after a line break; empty when none fit. */
    private static String lastLines(List<String> lines, int room) {
        if (lines.isEmpty() || room < LINES_MINIMUM) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        int used = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = StepMessages.cut(lines.get(i), 300);
            if (used + line.length() + 1 > room - 10) {
                break;
            }
            kept.add(0, line);
            used += line.length() + 1;
        }
        return kept.isEmpty() ? "" : "\n" + StepMessages.codeBlock("", String.join("\n", kept));
    }
}
