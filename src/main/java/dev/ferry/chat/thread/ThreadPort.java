package dev.ferry.chat.thread;

import dev.ferry.chat.Reply;
import dev.ferry.run.Run;

/**
 * What a chat platform must do for {@link RunThreads} and {@link ScheduleThreads}: post, edit, open a thread, upload
 * a file, and lay out each {@link Shown} in its own terms (Block Kit, JDA embeds), with the on-call group's mention
 * where a {@link Shown} calls for it. Everything else (what is shown when, in which order, what goes to a file, what
 * is done once) is decided by the presenter. Calls block until the platform answered; the presenter makes them off
 * the engine's and the scheduler's threads.
 */
public interface ThreadPort {

    /** "slack", "discord": the runs and schedules this port shows are the ones started there. */
    String platform();

    /** Whether {@code text} of this kind fits in a message; if not, it goes to the thread as a file. */
    boolean fits(Content kind, String text);

    /** Whether an on-call group is configured for this platform, so an approval request calls it. */
    boolean callsOnCall();

    /**
     * Posts a message in a channel ({@code where.thread()} null) or in a thread; returns the message's id.
     *
     * @throws Gone    when the channel or thread is not there any more
     * @throws Unshown when the platform refused or could not be reached
     */
    String post(Where where, Shown shown);

    /**
     * Replaces the message {@code messageId}.
     *
     * @throws Gone    when the message (or its thread) was deleted: post it again
     * @throws Unshown when the platform refused or could not be reached
     */
    void edit(Where where, String messageId, Shown shown);

    /**
     * Opens a thread from a channel message and returns its reference (on Slack, the message's own ts).
     *
     * @throws Gone when the message is not there any more
     */
    String openThread(String channel, String messageId, String name);

    /** Uploads a file into the thread, under {@code title}. */
    void upload(Where where, Reply.Attachment file, String title);

    /**
     * The run's channel refused its header (most often: the bot is not in it): tells the requester privately, where
     * the platform can, what to do.
     */
    void cannotPost(Run run, String reason);

    /** What may become a file when it is too long for a message. */
    enum Content { SCRIPT, OUTPUT, INSTRUCTIONS }

    /** Where a message goes: a channel, and the thread in it (null: the channel itself). */
    record Where(String channel, String thread) {
    }

    /** The message or thread to edit or post in is not there any more. */
    final class Gone extends RuntimeException {
        public Gone(String message) {
            super(message);
        }
    }

    /** The platform did not take the call; {@code getMessage()} says why, in the platform's word. */
    final class Unshown extends RuntimeException {
        public Unshown(String reason) {
            super(reason);
        }
    }
}
