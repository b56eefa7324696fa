package dev.ferry.chat.discord;

import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * {@link DiscordPosts} through JDA. Channels come from JDA's cache (the GUILDS intent keeps text channels and active
 * threads there); a thread Discord archived after a quiet week is looked up among the parent's archived threads and
 * opened again, since Discord refuses edits in archived threads.
 */
final class JdaPosts implements DiscordPosts {

    private final Supplier<JDA> jda;

    JdaPosts(Supplier<JDA> jda) {
        this.jda = jda;
    }

    @Override
    public String post(String channelId, String threadId, MessageCreateData message) {
        try {
            return channel(channelId, threadId).sendMessage(message).complete().getId();
        } catch (ErrorResponseException e) {
            throw gone(e, "channel " + channelId + (threadId == null ? "" : " thread " + threadId));
        }
    }

    @Override
    public String openThread(String channelId, String messageId, String name) {
        try {
            return textChannel(channelId).createThreadChannel(name, messageId)
                    .setAutoArchiveDuration(ThreadChannel.AutoArchiveDuration.TIME_1_WEEK)
                    .complete().getId();
        } catch (ErrorResponseException e) {
            throw gone(e, "message " + messageId);
        }
    }

    @Override
    public void edit(String channelId, String threadId, String messageId, MessageEditData message) {
        try {
            channel(channelId, threadId).editMessageById(messageId, message).complete();
        } catch (ErrorResponseException e) {
            throw gone(e, "message " + messageId);
        }
    }

    private GuildMessageChannel channel(String channelId, String threadId) {
        if (threadId == null) {
            GuildMessageChannel channel = jda.get().getChannelById(GuildMessageChannel.class, channelId);
            if (channel == null) {
                throw new MessageGone("channel " + channelId + " is not one the bot can see any more");
            }
            return channel;
        }
        ThreadChannel thread = jda.get().getThreadChannelById(threadId);
        if (thread == null) {
            thread = textChannel(channelId).retrieveArchivedPublicThreadChannels().complete().stream()
                    .filter(t -> t.getId().equals(threadId)).findFirst()
                    .orElseThrow(() -> new MessageGone("thread " + threadId + " of channel " + channelId
                            + " is gone (deleted, or archived long ago)"));
        }
        if (thread.isArchived()) {
            thread.getManager().setArchived(false).complete();
        }
        return thread;
    }

    private TextChannel textChannel(String channelId) {
        TextChannel channel = jda.get().getTextChannelById(channelId);
        if (channel == null) {
            throw new MessageGone("text channel " + channelId + " is not one the bot can see any more");
        }
        return channel;
    }

    private static RuntimeException gone(ErrorResponseException e, String what) {
        ErrorResponse response = e.getErrorResponse();
        if (response == ErrorResponse.UNKNOWN_MESSAGE || response == ErrorResponse.UNKNOWN_CHANNEL) {
            return new MessageGone(what + " is gone: " + e.getMeaning());
        }
        return e;
    }
}
