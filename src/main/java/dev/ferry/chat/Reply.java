package dev.ferry.chat;

import java.util.ArrayList;
import dev.ferry.procedure.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An answer to a command, free of any platform: text paragraphs and code blocks, shown only to the
 * person who asked ({@code ephemeral}) or to the channel.
 */
public record Reply(List<Part> parts, boolean ephemeral, boolean error) {

    public Reply {
        parts = List.copyOf(parts);
    }

    public sealed interface Part {
    }

    public record Text(String text) implements Part {
    }

    /** A block shown verbatim, e.g. a script. */
    public record Code(String language, String code) implements Part {
    }

    /** A file to hand over, e.g. an audit trail: platforms upload it, the console saves it. */
    public record Attachment(String filename, String mediaType, String content) implements Part {
    }

    /**
     * A request for the parameters a {@code start} lacks: Slack and Discord open a form (modal) with these
     * fields, the values already given filled in; the console shows the text parts instead.
     */
    public record Form(String procedureId, String title, List<Parameter> fields, Map<String, String> given)
            implements Part {

        public Form {
            fields = List.copyOf(fields);
            given = Map.copyOf(given);
        }
    }

    public static Reply error(String message) {
        return new Reply(List.of(new Text(message)), true, true);
    }

    public static Reply info(String message) {
        return new Reply(List.of(new Text(message)), true, false);
    }

    public Optional<Form> form() {
        return parts.stream().filter(p -> p instanceof Form).map(p -> (Form) p).findFirst();
    }

    /** Everything as plain text, code indented: for logs, tests and simple clients. */
    public String plainText() {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Text text) {
                out.append(text.text()).append('\n');
            } else if (part instanceof Code code) {
                code.code().lines().forEach(line -> out.append("    | ").append(line).append('\n'));
            }
        }
        return out.toString();
    }

    /** Builds a reply part by part. */
    public static final class Builder {
        private final List<Part> parts = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        public Builder line(String line) {
            text.append(line).append('\n');
            return this;
        }

        public Builder code(String language, String code) {
            flush();
            parts.add(new Code(language, code));
            return this;
        }

        public Builder attach(Attachment attachment) {
            flush();
            parts.add(attachment);
            return this;
        }

        public Builder form(Form form) {
            flush();
            parts.add(form);
            return this;
        }

        public Reply build(boolean ephemeral) {
            flush();
            return new Reply(parts, ephemeral, false);
        }

        public Reply buildError() {
            flush();
            return new Reply(parts, true, true);
        }

        private void flush() {
            if (!text.isEmpty()) {
                parts.add(new Text(text.toString().stripTrailing()));
                text.setLength(0);
            }
        }
    }
}
