package dev.ferry.chat.discord;

import dev.ferry.chat.Reply;
import dev.ferry.chat.thread.RunThreads;
import dev.ferry.chat.thread.ScheduleThreads;
import dev.ferry.chat.thread.Shown;
import dev.ferry.chat.thread.ThreadPort;
import dev.ferry.run.Run;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord under the chat core's {@link RunThreads} and {@link ScheduleThreads}: each {@link Shown} laid out by
 * {@link StepMessages} or {@link ScheduleMessages} and posted or edited with the bot's own REST calls ({@link Posts};
 * interaction hooks expire after 15 minutes, a run lasts longer). A file is a message of its own in the thread
 * carrying it, within what Discord takes ({@link ReplyFiles}). The on-call role, when configured, is the only one a
 * message may notify.
 */
final class DiscordThreadPort implements ThreadPort {

    static final String PLATFORM = "discord";
    /** Scripts longer than this go to a file, so a step's embeds stay within Discord's 6,000 characters. */
    static final int SCRIPT_LIMIT = 2000;
    static final int OUTPUT_LIMIT = 1000;
    static final int INSTRUCTIONS_LIMIT = 1500;
    private static final Logger log = LoggerFactory.getLogger(DiscordThreadPort.class);

    /**
     * What Ferry does on Discord outside an interaction. Calls block until Discord answered; a message, thread or
     * channel that is not there any more is {@link Gone}, any other refusal (or no connection) {@link Unshown}.
     */
    interface Posts {

        /** Posts in a channel, or in its thread {@code threadId} when that is not null; returns the message's id. */
        String post(String channelId, String threadId, MessageCreateData message);

        /** Opens a public thread from a message of the channel; returns the thread's id. */
        String openThread(String channelId, String messageId, String name);

        /** Replaces a message. */
        void edit(String channelId, String threadId, String messageId, MessageEditData message);
    }

    private final Posts posts;
    /** The role called when a step waits for an approval, a reminder escalates or a fire fails; null: nobody. */
    private final String onCallRole;

    DiscordThreadPort(Posts posts, Optional<String> onCallRole) {
        this.posts = posts;
        this.onCallRole = onCallRole.orElse(null);
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public boolean fits(Content kind, String text) {
        int limit = switch (kind) {
            case SCRIPT -> SCRIPT_LIMIT;
            case OUTPUT -> OUTPUT_LIMIT;
            case INSTRUCTIONS -> INSTRUCTIONS_LIMIT;
        };
        return text.length() <= limit;
    }

    @Override
    public boolean callsOnCall() {
        return onCallRole != null;
    }

    @Override
    public String post(Where where, Shown shown) {
        return posts.post(where.channel(), where.thread(), message(shown));
    }

    @Override
    public void edit(Where where, String messageId, Shown shown) {
        posts.edit(where.channel(), where.thread(), messageId, MessageEditData.fromCreateData(message(shown)));
    }

    @Override
    public String openThread(String channel, String messageId, String name) {
        return posts.openThread(channel, messageId, StepMessages.cut(name, 100));
    }

    /** A message of its own carrying the file; one too large for Discord is gzipped or left out, with a sentence. */
    @Override
    public void upload(Where where, Reply.Attachment file, String title) {
        ReplyFiles.Uploads uploads = ReplyFiles.of(new Reply.Builder().attach(file).build(false), ReplyFiles.LIMIT);
        String text = Stream.concat(Stream.of(title + ": " + file.filename()), uploads.notes().stream())
                .map(MarkdownSanitizer::escape).collect(Collectors.joining("\n"));
        posts.post(where.channel(), where.thread(), new MessageCreateBuilder()
                .setContent(StepMessages.cut("📎 " + text, Message.MAX_CONTENT_LENGTH))
                .setFiles(uploads.files())
                .setAllowedMentions(List.of())
                .build());
    }

    /** Only logged: outside an interaction Discord offers no private word to the requester but a DM, not asked for. */
    @Override
    public void cannotPost(Run run, String reason) {
        log.warn("Discord did not take the header of run {} in channel {} ({}). The run goes on; once the bot may post"
                + " there (bot/discord/README.md lists its permissions), /migrate resume {} shows its current step.",
                run.id(), run.channel(), reason, run.id());
    }

    /** The message that shows {@code shown} on Discord. */
    MessageCreateData message(Shown shown) {
        if (shown instanceof Shown.Header header) {
            return StepMessages.header(header.run());
        }
        if (shown instanceof Shown.Step step) {
            return StepMessages.step(step.view(), step.liveOutput(), step.inFiles());
        }
        if (shown instanceof Shown.Retired retired) {
            return StepMessages.retired(retired.view());
        }
        if (shown instanceof Shown.ApprovalCall call) {
            return StepMessages.approvalCall(call.view(), onCallRole);
        }
        if (shown instanceof Shown.Reminder reminder) {
            return StepMessages.reminder(reminder.reminder(), reminder.reminder().escalate() ? onCallRole : null);
        }
        if (shown instanceof Shown.Ended ended) {
            return StepMessages.endLine(ended.run());
        }
        if (shown instanceof Shown.Notice notice) {
            return ScheduleMessages.notice(notice.view(), notice.outputInFile(),
                    notice.view().mentionsOnCall() ? onCallRole : null);
        }
        throw new IllegalArgumentException("Discord has no layout for " + shown.getClass().getSimpleName());
    }
}
