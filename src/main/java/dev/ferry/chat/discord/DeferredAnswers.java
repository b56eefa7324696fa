package dev.ferry.chat.discord;

import dev.ferry.chat.Reply;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second half of an interaction that was acknowledged at once: the core's work runs on {@code workers}, and its
 * answer goes through the interaction's hook (valid for 15 minutes, plenty for one answer). Whatever goes wrong, the
 * person gets one sentence, never a stack trace.
 */
final class DeferredAnswers {

    private static final Logger log = LoggerFactory.getLogger(DeferredAnswers.class);

    private final Executor workers;

    DeferredAnswers(Executor workers) {
        this.workers = workers;
    }

    /** After {@code deferReply(true)}: the answer replaces the "thinking…" message, seen only by the person. */
    void reply(InteractionHook hook, String what, Supplier<Reply> work) {
        later(hook, what, work, false);
    }

    /** After {@code deferEdit()} of a button: only a refusal is answered (privately); an accepted press shows itself. */
    void press(InteractionHook hook, String what, Supplier<Reply> work) {
        later(hook, what, work, true);
    }

    private void later(InteractionHook hook, String what, Supplier<Reply> work, boolean onlyRefusals) {
        try {
            workers.execute(() -> answer(hook, what, work, onlyRefusals));
        } catch (RejectedExecutionException e) {
            send(hook, Reply.error("Ferry is shutting down and did not take " + what + "; nothing changed."
                    + " Try again once it is back."), onlyRefusals);
        }
    }

    private void answer(InteractionHook hook, String what, Supplier<Reply> work, boolean onlyRefusals) {
        Reply reply;
        try {
            reply = work.get();
        } catch (RuntimeException e) {
            log.error("Discord: {} failed", what, e);
            reply = Reply.error("Ferry could not carry out " + what + " because of an error inside Ferry. Nothing"
                    + " was lost; its log has the details. Try again, or /migrate status.");
        }
        if (onlyRefusals && !reply.error()) {
            return;
        }
        send(hook, reply, onlyRefusals);
    }

    private static void send(InteractionHook hook, Reply reply, boolean followUp) {
        if (followUp) {
            hook.sendMessage(ReplyMessages.create(reply)).setEphemeral(true)
                    .queue(null, e -> log.warn("Discord did not take an answer to a button: {}", e.toString()));
        } else {
            hook.editOriginal(ReplyMessages.edit(reply))
                    .queue(null, e -> log.warn("Discord did not take an answer to a command: {}", e.toString()));
        }
    }
}
