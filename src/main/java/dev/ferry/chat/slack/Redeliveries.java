package dev.ferry.chat.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.ferry.chat.Deliveries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands, button presses and form submissions that Slack delivers again: acknowledged (so Slack stops retrying)
 * and not acted on. Bolt runs this after its own middleware, so only requests whose signature it verified reach it,
 * in HTTP mode and Socket Mode alike.
 *
 * <p>A delivery is known by its {@code trigger_id}. Slack makes one for each thing a person does (a command typed,
 * a button pressed, a form submitted) and puts it in the payload, which a Socket Mode retry ({@code retry_attempt})
 * and a replayed HTTP request carry unchanged. The envelope id exists in Socket Mode only and Bolt does not hand it
 * on; a view's id and hash stay the same when a person corrects a form and submits it again, which is a new
 * submission.
 */
final class Redeliveries implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(Redeliveries.class);

    private final Deliveries deliveries;

    Redeliveries(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        String triggerId = triggerId(req);
        if (triggerId != null && !deliveries.claim(SlackCommands.PLATFORM, triggerId)) {
            log.info("Slack delivered a {} again (trigger_id {}); acknowledged, not acted on a second time",
                    req.getRequestType(), triggerId);
            return Response.ok();
        }
        return chain.next(req);
    }

    /** The trigger id of what Ferry acts on; null for anything else (which Ferry only acknowledges anyway). */
    static String triggerId(Request<?> request) {
        String id = null;
        if (request instanceof SlashCommandRequest command && command.getPayload() != null) {
            id = command.getPayload().getTriggerId();
        } else if (request instanceof BlockActionRequest press && press.getPayload() != null) {
            id = press.getPayload().getTriggerId();
        } else if (request instanceof ViewSubmissionRequest form && form.getPayload() != null) {
            id = form.getPayload().getTriggerId();
        }
        return id == null || id.isBlank() ? null : id;
    }
}
