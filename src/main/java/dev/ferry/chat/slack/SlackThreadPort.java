package dev.ferry.chat.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.ferry.chat.ReminderView;
import dev.ferry.chat.Reply;
import dev.ferry.chat.ScheduleNoticeView;
import dev.ferry.chat.StepView;
import dev.ferry.chat.thread.Shown;
import dev.ferry.chat.thread.ThreadPort;
import dev.ferry.run.Action;
import dev.ferry.run.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Slack's side of the chat core's run threads and schedule notices: chat.postMessage and chat.update with the bot
 * token, a thread being the replies to a channel message (its ts), files.uploadV2 into the thread, and each
 * {@link Shown} laid out in Block Kit ({@link StepMessages} for headers and steps). The on-call group is mentioned
 * as {@code <!subteam^S…>}, in a message of its own: Slack notifies a mention only when a message is posted.
 */
final class SlackThreadPort implements ThreadPort {

    /** What chat.update answers for a deleted message, and chat.postMessage for a reply to one. */
    private static final Set<String> GONE = Set.of("message_not_found", "thread_not_found");

    private final SlackApi api;
    private final StepMessages messages;
    private final String onCallGroup;

    /** @param onCallGroup the user group ({@code S…}) approvals, escalations and failed fires call, or null for none */
    SlackThreadPort(SlackApi api, StepMessages messages, String onCallGroup) {
        this.api = api;
        this.messages = messages;
        this.onCallGroup = onCallGroup;
    }

    @Override
    public String platform() {
        return SlackCommands.PLATFORM;
    }

    @Override
    public boolean fits(Content kind, String text) {
        return StepMessages.fits(kind, text);
    }

    @Override
    public boolean callsOnCall() {
        return mention().isPresent();
    }

    @Override
    public String post(Where where, Shown shown) {
        StepMessages.Message message = layout(shown);
        return answered(api.post(where.channel(), where.thread(), message.text(), message.blocks())).ts();
    }

    @Override
    public void edit(Where where, String messageId, Shown shown) {
        StepMessages.Message message = layout(shown);
        answered(api.update(where.channel(), messageId, message.text(), message.blocks()));
    }

    /** A Slack thread is the replies to a message: its reference is the message's own ts, nothing is called. */
    @Override
    public String openThread(String channel, String messageId, String name) {
        return messageId;
    }

    @Override
    public void upload(Where where, Reply.Attachment file, String title) {
        answered(api.upload(where.channel(), where.thread(), file.filename(), title, file.content()));
    }

    /**
     * The requester learns why in a direct message from the app, since an ephemeral message needs the channel that
     * refused. If that fails too (Slack is down), {@link SlackApi} has logged it and nothing more is tried.
     */
    @Override
    public void cannotPost(Run run, String reason) {
        String text = "Run " + run.id() + " started, but Ferry could not post in <#" + run.channel() + "> (" + reason
                + ")." + (reason.equals("not_in_channel") || reason.equals("channel_not_found")
                ? " Invite Ferry there with /invite @Ferry," : " When Slack answers again,")
                + " then type /migrate resume " + run.id() + " in that channel to post the run's messages.";
        api.post(run.requester().userId(), null, text, null);
    }

    /** What Slack shows for {@code shown}. */
    StepMessages.Message layout(Shown shown) {
        if (shown instanceof Shown.Header header) {
            return messages.header(header.run());
        }
        if (shown instanceof Shown.Step step) {
            return messages.step(step.view(), step.liveOutput(), step.inFiles());
        }
        if (shown instanceof Shown.Retired retired) {
            return StepMessages.retired(retired.view());
        }
        if (shown instanceof Shown.ApprovalCall call) {
            return plain(approvalCall(call.view()));
        }
        if (shown instanceof Shown.Reminder reminder) {
            return plain(reminder(reminder.reminder()));
        }
        if (shown instanceof Shown.Ended ended) {
            return StepMessages.ended(ended.run());
        }
        if (shown instanceof Shown.Notice notice) {
            return notice(notice.view(), notice.outputInFile());
        }
        throw new IllegalArgumentException("Slack has no layout for " + shown.getClass().getSimpleName());
    }

    /**
     * The reply under a step that waits for an approval: calls the on-call group and says who may not decide. A
     * reply, not the step message: a mention notifies only in a new message.
     */
    private String approvalCall(StepView view) {
        return mention().map(m -> m + " ").orElse("") + SlackText.escape(view.position() + " · "
                + view.step().title() + " waits for an on-call approval: " + view.status()) + ". Approve or Reject"
                + " on the step's message above.";
    }

    /**
     * "R3 · step 4 'stop-service' has waited 35 min for a press (waiting), run started by @alice. Press Run · Skip ·
     * Abort on the step's message above."; an escalation also calls the on-call group.
     */
    private String reminder(ReminderView reminder) {
        String buttons = reminder.actions().stream().map(Action::label).collect(Collectors.joining(" · "));
        return (reminder.escalate() ? mention().map(m -> m + " ").orElse("") + ":rotating_light: Escalated: "
                : ":alarm_clock: ") + reminder.sentence(SlackText::escape, StepMessages::person)
                + " Press " + SlackText.escape(buttons) + " on the step's message above.";
    }

    /**
     * A schedule notice: the view's headline, the output's last lines in a code block, and for a failure the on-call
     * group's mention. The wording is the view's; only the layout is Slack's.
     */
    private StepMessages.Message notice(ScheduleNoticeView view, boolean outputInFile) {
        String mention = view.mentionsOnCall() ? mention().map(m -> m + " ").orElse("") : "";
        String headline = mention + SlackText.escape(view.headline());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(SlackText.cut(headline, SlackText.SECTION_LIMIT)))));
        String tail = String.join("\n", view.lastLines());
        if (!tail.isEmpty()) {
            blocks.addAll(StepMessages.lastLines(tail, outputInFile));
        }
        return new StepMessages.Message(SlackText.cut(mention + view.headline(), SlackText.SECTION_LIMIT), blocks);
    }

    /** The on-call group's mention, {@code <!subteam^S…>}, or empty when none is configured. */
    private Optional<String> mention() {
        return onCallGroup == null || onCallGroup.isBlank() ? Optional.empty()
                : Optional.of("<!subteam^" + onCallGroup + ">");
    }

    /** A message of mrkdwn text only: Slack shows the text, and a notification carries it. */
    private static StepMessages.Message plain(String text) {
        return new StepMessages.Message(text, null);
    }

    /** The call's result when Slack took it; otherwise what the presenter makes of Slack's error word. */
    private static SlackApi.Result answered(SlackApi.Result result) {
        if (result.ok()) {
            return result;
        }
        if (GONE.contains(result.error())) {
            throw new Gone(result.error());
        }
        throw new Unshown(result.error());
    }
}
