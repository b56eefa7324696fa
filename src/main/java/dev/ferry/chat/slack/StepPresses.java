package dev.ferry.chat.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.ferry.access.Actor;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Reply;
import dev.ferry.run.Action;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * The buttons on step messages, and the reason a rejection asks for. Each press is acknowledged at once and
 * goes to the dispatcher, which lets exactly one of several presses win. An accepted press shows in the step's
 * message (edited in place); a refused one is told to the person who pressed, only to them.
 */
final class StepPresses {

    private static final String REJECT = Action.REJECT.word();

    private final CommandDispatcher dispatcher;
    private final SlackApi api;
    private final UserGroups people;
    private final Executor work;

    StepPresses(CommandDispatcher dispatcher, SlackApi api, UserGroups people, Executor work) {
        this.dispatcher = dispatcher;
        this.api = api;
        this.people = people;
        this.work = work;
    }

    void register(App app) {
        app.blockAction(Pattern.compile("^" + Pattern.quote(StepMessages.ACTION_PREFIX) + ".+$"), this::press);
        app.viewSubmission(RejectForm.CALLBACK_ID, this::reject);
    }

    /**
     * A button. Reject opens the form for a reason instead, and only for an approver: anyone else gets the
     * dispatcher's refusal (which names the role) without typing a reason first.
     */
    Response press(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        if (payload.getActions() == null || payload.getActions().isEmpty() || payload.getUser() == null) {
            return context.ack();
        }
        BlockActionPayload.Action action = payload.getActions().get(0);
        String word = action.getActionId().substring(StepMessages.ACTION_PREFIX.length());
        BlockActionPayload.User user = payload.getUser();
        String channel = payload.getChannel() != null ? payload.getChannel().getId()
                : payload.getContainer() == null ? null : payload.getContainer().getChannelId();
        String threadTs = payload.getContainer() == null ? null : payload.getContainer().getThreadTs();
        String value = action.getValue() == null ? "" : action.getValue();
        work.execute(() -> {
            Actor actor = people.actor(user.getId(), user.getUsername() != null ? user.getUsername() : user.getName());
            if (REJECT.equals(word) && dispatcher.lookups().asksForReason(actor)) {
                askForReason(new RejectForm.Target(value, channel, threadTs), payload.getTriggerId(), actor);
                return;
            }
            tellIfRefused(dispatcher.press(value, word, actor), channel, actor, threadTs);
        });
        return context.ack();
    }

    private void askForReason(RejectForm.Target target, String triggerId, Actor actor) {
        SlackApi.Result opened = api.openView(triggerId, RejectForm.view(target));
        if (!opened.ok()) {
            tellIfRefused(Reply.error("Slack could not open the form for your reason (" + opened.error()
                    + "); nothing was rejected. Press Reject again."), target.channel(), actor, target.threadTs());
        }
    }

    /**
     * The reason form. An empty reason keeps it open with a word beside the field; otherwise it closes, and the
     * rejection is made as a press: if it is refused (the two-person rule, someone decided first, the step moved
     * on), the approver is told privately in the run's thread.
     */
    Response reject(ViewSubmissionRequest request, ViewSubmissionContext context) {
        ViewSubmissionPayload payload = request.getPayload();
        String reason = RejectForm.reason(payload.getView().getState());
        if (reason.isEmpty()) {
            return context.ackWithErrors(Map.of(RejectForm.BLOCK_ID, "Say why, so the requester knows what to change."));
        }
        Optional<RejectForm.Target> target = RejectForm.Target.of(payload.getView().getPrivateMetadata());
        if (target.isEmpty()) {
            return context.ackWithErrors(Map.of(RejectForm.BLOCK_ID, "This form does not say which step it is for."
                    + " Cancel it and press Reject on the step's message again."));
        }
        ViewSubmissionPayload.User user = payload.getUser();
        work.execute(() -> {
            Actor actor = people.actor(user.getId(), user.getUsername() != null ? user.getUsername() : user.getName());
            tellIfRefused(dispatcher.press(target.get().buttonValue(), REJECT, actor, reason), target.get().channel(),
                    actor, target.get().threadTs());
        });
        return context.ack();
    }

    private void tellIfRefused(Reply reply, String channel, Actor actor, String threadTs) {
        if (reply.error() && channel != null) {
            api.tell(channel, actor.userId(), threadTs, reply);
        }
    }
}
