package dev.ferry.chat.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.ferry.chat.ScheduleNoticeView;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a schedule notice out in Block Kit: the shared headline ({@link ScheduleNoticeView}), the output's last
 * lines in a code block, and for a failure the on-call group's mention. The wording is the view's; only the
 * layout is Slack's.
 */
final class ScheduleMessages {

    private final StepMessages steps;

    /** @param steps for the on-call group's mention, the same one approvals and reminders use */
    ScheduleMessages(StepMessages steps) {
        this.steps = steps;
    }

    /** @param outputInFile whether the fire's whole output is uploaded to the thread as a file */
    StepMessages.Message notice(ScheduleNoticeView view, boolean outputInFile) {
        String mention = view.mentionsOnCall() ? steps.mention().map(m -> m + " ").orElse("") : "";
        String headline = mention + SlackText.escape(view.headline());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(SlackText.cut(headline, SlackText.SECTION_LIMIT)))));
        String tail = String.join("\n", view.lastLines());
        if (!tail.isEmpty()) {
            blocks.addAll(StepMessages.lastLines(tail, outputInFile));
        }
        return new StepMessages.Message(SlackText.cut(mention + view.headline(), SlackText.SECTION_LIMIT), blocks);
    }

    /** Whether the notice carries an output longer than its message shows; then it goes to the thread as a file. */
    static boolean outputInFile(ScheduleNoticeView view) {
        return StepMessages.outputTooLong(view.fullOutput());
    }
}
