package dev.ferry.chat.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import dev.ferry.chat.Reply;
import java.util.ArrayList;
import java.util.List;

/** A dispatcher's {@link Reply} as Slack blocks: text paragraphs as mrkdwn, code in code blocks, within Slack's limits. */
final class ReplyBlocks {

    /** Slack's limit on blocks in one message. */
    static final int BLOCK_LIMIT = 50;

    private ReplyBlocks() {
    }

    /** The reply's notification text: its first line, marked when it is an error. */
    static String text(Reply reply) {
        String plain = reply.plainText().strip();
        String first = plain.isEmpty() ? "Done." : plain.lines().findFirst().orElse("");
        return SlackText.cut((reply.error() ? "⚠️ " : "") + first, SlackText.SECTION_LIMIT);
    }

    static List<LayoutBlock> blocks(Reply reply) {
        List<String> texts = new ArrayList<>();
        for (Reply.Part part : reply.parts()) {
            if (part instanceof Reply.Text text) {
                SlackText.sections((texts.isEmpty() && reply.error() ? ":warning: " : "") + text.text())
                        .forEach(block -> texts.add(textOf(block)));
            } else if (part instanceof Reply.Code code) {
                SlackText.codeSections(code.code()).forEach(block -> texts.add(textOf(block)));
            }
        }
        // Neighbouring sections share one block while they fit, so long answers (plan) stay within 50 blocks.
        List<String> packed = new ArrayList<>();
        for (String text : texts) {
            int last = packed.size() - 1;
            if (last >= 0 && packed.get(last).length() + 1 + text.length() <= SlackText.SECTION_LIMIT) {
                packed.set(last, packed.get(last) + "\n" + text);
            } else {
                packed.add(text);
            }
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        for (String text : packed) {
            if (blocks.size() == BLOCK_LIMIT - 1 && packed.size() > BLOCK_LIMIT) {
                blocks.add(section(s -> s.text(markdownText("… the rest does not fit in one Slack message;"
                        + " ask for less (one procedure, fewer steps) to see it."))));
                break;
            }
            blocks.add(section(s -> s.text(markdownText(text))));
        }
        return blocks;
    }

    private static String textOf(LayoutBlock block) {
        return ((SectionBlock) block).getText().getText();
    }
}
