package dev.ferry.chat.discord;

import dev.ferry.chat.thread.ThreadPort;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.PermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * {@link DiscordThreadPort.Posts} through JDA. Channels come from JDA's cache (the GUILDS intent keeps text channels
 * and active threads there); a thread Discord archived after a quiet week is looked up among the parent's archived
 * threads and opened again, since Discord refuses edits in archived threads. JDA's failures become the port's:
 * an unknown message or channel is {@link ThreadPort.Gone}, any other refusal {@link ThreadPort.Unshown}.
 */
final class JdaPosts implements DiscordThreadPort.Posts {

    private final Supplier<JDA> jda;

    JdaPosts(Supplier<JDA> jda) {
        this.jda = jda;
    }

    @Override
    public String post(String channelId, String threadId, MessageCreateData message) {
        return call("channel " + channelId + (threadId == null ? "" : " thread " + threadId),
                () -> channel(channelId, threadId).sendMessage(message).complete().getId());
    }

    @Override
    public String openThread(String channelId, String messageId, String name) {
        return call("message " + messageId, () -> textChannel(channelId).createThreadChannel(name, messageId)
                .setAutoArchiveDuration(ThreadChannel.AutoArchiveDuration.TIME_1_WEEK)
                .complete().getId());
    }

    @Override
    public void edit(String channelId, String threadId, String messageId, MessageEditData message) {
        call("message " + messageId, () -> channel(channelId, threadId).editMessageById(messageId, message).complete());
    }

    private GuildMessageChannel channel(String channelId, String threadId) {
        if (threadId == null) {
            GuildMessageChannel channel = jda.get().getChannelById(GuildMessageChannel.class, channelId);
            if (channel == null) {
                throw new ThreadPort.Gone("channel " + channelId + " is not one the bot can see any more");
            }
            return channel;
        }
        ThreadChannel thread = jda.get().getThreadChannelById(threadId);
        if (thread == null) {
            thread = textChannel(channelId).retrieveArchivedPublicThreadChannels().complete().stream()
                    .filter(t -> t.getId().equals(threadId)).findFirst()
                    .orElseThrow(() -> new ThreadPort.Gone("thread " + threadId + " of channel " + channelId
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
            throw new ThreadPort.Gone("text channel " + channelId + " is not one the bot can see any more");
        }
        return channel;
    }

    /** Makes the call, with JDA's failures in the port's terms. */
    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ErrorResponseException e) {
            ErrorResponse response = e.getErrorResponse();
            if (response == ErrorResponse.UNKNOWN_MESSAGE || response == ErrorResponse.UNKNOWN_CHANNEL) {
                throw new ThreadPort.Gone(what + " is gone: " + e.getMeaning());
            }
            throw new ThreadPort.Unshown("Discord refused it for " + what + ": " + e.getMeaning());
        } catch (PermissionException e) {
            throw new ThreadPort.Unshown("the bot may not do it for " + what + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new ThreadPort.Unshown(e.getMessage());  // not connected (yet)
        }
    }
}
