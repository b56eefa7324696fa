package dev.ferry.chat.discord;

import dev.ferry.chat.Reply;
import java.util.List;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * A dispatcher {@link Reply} as a Discord message: text as it is, code in fenced blocks. An answer longer than a
 * message may be (2,000 characters; a plan often is) comes as an attached text file with its first lines shown.
 */
final class ReplyMessages {

    static final String FILE_NAME = "ferry-answer.txt";
    private static final int PREVIEW = 1500;

    private ReplyMessages() {
    }

    static MessageCreateData create(Reply reply) {
        String markdown = markdown(reply);
        MessageCreateBuilder out = new MessageCreateBuilder().setAllowedMentions(List.of());
        if (markdown.length() <= Message.MAX_CONTENT_LENGTH) {
            return out.setContent(markdown).build();
        }
        String first = firstText(reply);
        String preview = (reply.error() ? "⚠ " : "") + MarkdownSanitizer.escape(
                first.length() > PREVIEW ? first.substring(0, PREVIEW) + "…" : first);
        return out.setContent(preview + "\n*The whole answer is in the attached " + FILE_NAME + ".*")
                .setFiles(StepMessages.file(FILE_NAME, reply.plainText()))
                .build();
    }

    static MessageEditData edit(Reply reply) {
        return MessageEditData.fromCreateData(create(reply));
    }

    /** One line for an error Ferry itself hit: what happened, that nothing was lost, what to do. */
    static MessageCreateData failure(String what) {
        return create(Reply.error(what));
    }

    private static String markdown(Reply reply) {
        StringBuilder out = new StringBuilder();
        for (Reply.Part part : reply.parts()) {
            if (part instanceof Reply.Text text) {
                out.append(out.isEmpty() && reply.error() ? "⚠ " : "").append(MarkdownSanitizer.escape(text.text()))
                        .append('\n');
            } else if (part instanceof Reply.Code code) {
                out.append(StepMessages.codeBlock(code.language(), code.code())).append('\n');
            }
        }
        return out.toString().strip();
    }

    private static String firstText(Reply reply) {
        return reply.parts().stream().filter(p -> p instanceof Reply.Text).map(p -> ((Reply.Text) p).text())
                .findFirst().orElse("");
    }
}
