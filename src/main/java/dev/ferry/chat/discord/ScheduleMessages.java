package dev.ferry.chat.discord;

import dev.ferry.chat.Reply;
import dev.ferry.chat.ScheduleNoticeView;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * How a schedule's notice looks on Discord: its headline ({@link ScheduleNoticeView}, the wording every platform
 * shares), the last lines of output in a block, and for a result whose output is longer than a message the whole
 * output as an attached file. A failure mentions the on-call role. Nothing here talks to Discord;
 * {@link ScheduleThreads} posts what these methods build.
 */
final class ScheduleMessages {

    /** Output longer than this is attached as a file; the message keeps its last lines. */
    static final int OUTPUT_LIMIT = Message.MAX_CONTENT_LENGTH;
    private static final int HEADLINE_LIMIT = 1200;
    /** Below this much room the last lines are left out rather than shown as a sliver. */
    private static final int LINES_MINIMUM = 100;

    private ScheduleMessages() {
    }

    /**
     * The notice's message.
     *
     * @param onCallRole the role a failure mentions, or null for no one
     */
    static MessageCreateData notice(ScheduleNoticeView view, String onCallRole) {
        String role = view.mentionsOnCall() ? onCallRole : null;
        String head = (role == null ? "" : "<@&" + role + "> ")
                + StepMessages.cut(MarkdownSanitizer.escape("◷ " + view.headline()), HEADLINE_LIMIT);
        String output = view.fullOutput();
        ReplyFiles.Uploads uploads = output != null && output.length() > OUTPUT_LIMIT
                ? ReplyFiles.of(new Reply.Builder().attach(new Reply.Attachment(view.outputFileName(), "text/plain",
                        output)).build(false), ReplyFiles.LIMIT)
                : new ReplyFiles.Uploads(List.of(), List.of());
        List<String> notes = new ArrayList<>(uploads.notes());
        if (!uploads.files().isEmpty() && uploads.notes().isEmpty()) {
            notes.add("The whole output (" + output.lines().count() + " lines) is attached as "
                    + view.outputFileName() + ".");
        }
        String tail = notes.stream().map(note -> "\n*" + MarkdownSanitizer.escape(note) + "*")
                .reduce("", String::concat);
        String lines = lastLines(view.lastLines(), OUTPUT_LIMIT - head.length() - tail.length() - 10);
        MessageCreateBuilder message = new MessageCreateBuilder()
                .setContent(StepMessages.cut(head + lines + tail, Message.MAX_CONTENT_LENGTH))
                .setFiles(uploads.files())
                .setAllowedMentions(List.of());
        return role == null ? message.build() : message.mentionRoles(role).build();
    }

    /** The name of the thread a fire's later notices go to: "S1 · galsync-update · fire 12". */
    static String threadName(ScheduleNoticeView view) {
        return StepMessages.cut(view.position(), 100);
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
