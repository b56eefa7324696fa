package dev.ferry.chat.discord;

import dev.ferry.chat.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * A dispatcher {@link Reply} as a Discord message: text as it is, code in fenced blocks, the files it hands over
 * attached. An answer longer than a message may be (2,000 characters; a plan often is) comes as an attached text
 * file with its first lines shown.
 */
final class ReplyMessages {

    static final String FILE_NAME = "ferry-answer.txt";
    private static final int PREVIEW = 1500;

    private ReplyMessages() {
    }

    static MessageCreateData create(Reply reply) {
        return create(reply, ReplyFiles.LIMIT);
    }

    /** With the files the reply hands over attached, within {@code uploadLimit} bytes (see {@link ReplyFiles}). */
    static MessageCreateData create(Reply reply, long uploadLimit) {
        ReplyFiles.Uploads uploads = ReplyFiles.of(reply, uploadLimit);
        String notes = uploads.notes().stream().map(note -> "\n" + MarkdownSanitizer.escape(note))
                .collect(Collectors.joining());
        String markdown = markdown(reply) + notes;
        MessageCreateBuilder out = new MessageCreateBuilder().setAllowedMentions(List.of()).setFiles(uploads.files());
        if (markdown.length() <= Message.MAX_CONTENT_LENGTH) {
            return out.setContent(markdown).build();
        }
        String first = firstText(reply);
        String preview = (reply.error() ? "⚠ " : "") + MarkdownSanitizer.escape(
                first.length() > PREVIEW ? first.substring(0, PREVIEW) + "…" : first);
        List<FileUpload> files = new ArrayList<>(uploads.files());
        files.add(StepMessages.file(FILE_NAME, reply.plainText()));
        return out.setContent(StepMessages.cut(preview + "\n*The whole answer is in the attached " + FILE_NAME + ".*"
                        + notes, Message.MAX_CONTENT_LENGTH))
                .setFiles(files)
                .build();
    }

    static MessageEditData edit(Reply reply) {
        return MessageEditData.fromCreateData(create(reply));
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
