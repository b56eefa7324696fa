package dev.ferry.chat.discord;

import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * What Ferry does on Discord outside an interaction, with the bot's own REST calls (interaction hooks expire after
 * 15 minutes; a run lasts longer). Calls block until Discord answered, so {@link RunThreads} and
 * {@link ScheduleThreads} call them off the engine's and the scheduler's threads; any failure is an exception, which
 * costs only the message (the run's state, or the fire, is committed).
 */
interface DiscordPosts {

    /** Posts in a channel, or in its thread {@code threadId} when that is not null; returns the message's id. */
    String post(String channelId, String threadId, MessageCreateData message);

    /**
     * Opens a public thread from a message of the channel; returns the thread's id.
     *
     * @throws MessageGone when the message or its channel no longer exists
     */
    String openThread(String channelId, String messageId, String name);

    /**
     * Replaces a message.
     *
     * @throws MessageGone when the message or its thread no longer exists (someone deleted it)
     */
    void edit(String channelId, String threadId, String messageId, MessageEditData message);

    /** The message to edit is not there any more: post it again instead. */
    final class MessageGone extends RuntimeException {
        MessageGone(String message) {
            super(message);
        }
    }
}
