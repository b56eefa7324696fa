package dev.ferry.chat;

import dev.ferry.procedure.QuotedInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code /migrate} command, parsed and free of any platform: the verb, its plain arguments and its
 * {@code name=value} parameters. Values with spaces are quoted: {@code name="All Contacts\List01"}.
 */
public record ChatCommand(String verb, List<String> arguments, Map<String, String> parameters) {

    /** A parameter name: short enough that every answer naming it shows it whole. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0," + (QuotedInput.LIMIT - 1) + "}");

    public ChatCommand {
        arguments = List.copyOf(arguments);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The first plain argument, or null. */
    public String argument() {
        return arguments.isEmpty() ? null : arguments.get(0);
    }

    /** The run the command names as its first argument, or null: the run its audit entry is filed under. */
    public String runId() {
        return ButtonRef.isRunId(argument()) ? argument() : null;
    }

    /**
     * Parses the text after {@code /migrate}.
     *
     * @throws IllegalArgumentException with a sentence that says what is wrong and how to write it
     */
    public static ChatCommand parse(String text) {
        List<String> tokens = tokenize(text);
        if (tokens.isEmpty()) {
            return new ChatCommand("help", List.of(), Map.of());
        }
        List<String> arguments = new ArrayList<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String token : tokens.subList(1, tokens.size())) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                arguments.add(token);
                continue;
            }
            String name = token.substring(0, eq);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(QuotedInput.of(name) + " is not a parameter name; write name=value,"
                        + " e.g. oldServer=spe-ih-01");
            }
            if (parameters.putIfAbsent(name, token.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("parameter " + name + " is given twice; give it once");
            }
        }
        return new ChatCommand(tokens.get(0).toLowerCase(Locale.ROOT), arguments, parameters);
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'' || c == '\u201C' || c == '\u201D') {
                // Chat clients turn straight quotes into curly ones; both open and close a quoted value.
                quote = c == '\u201C' ? '\u201D' : c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("a quote is not closed; put the value in matching quotes,"
                    + " e.g. name=\"two words\"");
        }
        if (inToken) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
