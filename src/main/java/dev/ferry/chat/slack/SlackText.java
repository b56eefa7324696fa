package dev.ferry.chat.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;

/** Slack's mrkdwn and its limits: escaping, code blocks, and text cut into sections that fit. */
final class SlackText {

    /** Slack's limit on a section's text. */
    static final int SECTION_LIMIT = 3000;
    /** Slack's limit on a header block's and a plain-text label's text. */
    static final int HEADER_LIMIT = 150;
    private static final String FENCE = "```";

    private SlackText() {
    }

    /** Escapes the three characters Slack's mrkdwn treats as control characters. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }

    /** {@code text} as sections of mrkdwn, split at line ends so that each fits. */
    static List<LayoutBlock> sections(String text) {
        return pieces(escape(text), SECTION_LIMIT).stream()
                .map(piece -> (LayoutBlock) section(s -> s.text(markdownText(piece)))).toList();
    }

    /** {@code code} verbatim in code blocks, split at line ends so that each block fits in a section. */
    static List<LayoutBlock> codeSections(String code) {
        String safe = escape(code).replace(FENCE, "`\u200B``");
        return pieces(safe, SECTION_LIMIT - 2 * FENCE.length() - 2).stream()
                .map(piece -> (LayoutBlock) section(s -> s.text(markdownText(FENCE + "\n" + piece + "\n" + FENCE))))
                .toList();
    }

    /** How many sections {@link #codeSections} would make. */
    static int codeSectionCount(String code) {
        return pieces(escape(code), SECTION_LIMIT - 2 * FENCE.length() - 2).size();
    }

    /** Splits at line ends into pieces of at most {@code limit} characters; a longer line is cut. */
    static List<String> pieces(String text, int limit) {
        List<String> out = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            while (line.length() > limit) {
                flush(out, piece);
                out.add(line.substring(0, limit));
                line = line.substring(limit);
            }
            if (!piece.isEmpty() && piece.length() + 1 + line.length() > limit) {
                flush(out, piece);
            }
            piece.append(piece.isEmpty() ? "" : "\n").append(line);
        }
        flush(out, piece);
        return out.isEmpty() ? List.of("") : out;
    }

    private static void flush(List<String> out, StringBuilder piece) {
        if (!piece.isEmpty()) {
            out.add(piece.toString());
            piece.setLength(0);
        }
    }
}
