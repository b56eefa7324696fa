package dev.ferry.chat;

import dev.ferry.procedure.QuotedInput;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The words each {@code /migrate} command takes. A command given more (a second run id, a word after
 * {@code hosts}, a name=value where none belongs) is refused with the first word it does not take and its
 * usage, rather than quietly ignoring it. {@code start} and {@code plan} name their stray words with the
 * procedure's parameters ({@link CommandReader}); {@code schedule} checks its own ({@link ScheduleReplies}).
 */
final class CommandGrammar {

    /**
     * @param usage      how the command is written
     * @param arguments  how many plain words it takes at most
     * @param takes      those words in a phrase, for "takes one run id, not …"
     * @param parameters whether it takes name=value pairs
     */
    private record Usage(String usage, int arguments, String takes, boolean parameters) {
    }

    static final String REFUSALS = "refusals";

    private static final Usage AUDIT_REFUSALS = new Usage("/migrate audit refusals [since]", 2,
            "one since (a date such as 2026-11-01 or a duration such as 24h or 7d)", false);

    private static final Map<String, Usage> USAGES = Map.of(
            "help", new Usage("/migrate help", 0, null, false),
            "list", new Usage("/migrate list", 0, null, false),
            "hosts", new Usage("/migrate hosts", 0, null, false),
            "show", new Usage("/migrate show <procedure>", 1, "one procedure", false),
            "status", new Usage("/migrate status [run]", 1, "one run id", false),
            "resume", new Usage("/migrate resume <run> [secret=value …]", 1, "one run id", true),
            "abort", new Usage("/migrate abort <run>", 1, "one run id", false),
            "check", new Usage("/migrate check <host>", 1, "one host", false),
            "audit", new Usage("/migrate audit <run> or /migrate audit refusals [since]", 1, "one run id", false));

    private CommandGrammar() {
    }

    /** Why {@code command} has words its verb does not take, or empty (also for verbs checked elsewhere). */
    static Optional<String> surplus(ChatCommand command) {
        Usage usage = USAGES.get(command.verb());
        if (usage == null) {
            return Optional.empty();
        }
        List<String> arguments = command.arguments();
        String verb = "/migrate " + command.verb();
        if (command.verb().equals("audit") && !arguments.isEmpty() && isRefusals(arguments.get(0))) {
            usage = AUDIT_REFUSALS;
            verb = "/migrate audit refusals";
        }
        if (arguments.size() > usage.arguments()) {
            String extra = QuotedInput.of(arguments.get(usage.arguments()));
            String takes = usage.takes() == null ? "takes nothing more" : "takes " + usage.takes();
            return Optional.of(verb + " " + takes + ", not " + extra + "; write " + usage.usage() + ".");
        }
        if (!usage.parameters() && !command.parameters().isEmpty()) {
            // Only the name: the value may be a secret typed in the wrong place.
            String name = command.parameters().keySet().iterator().next();
            return Optional.of(verb + " takes no name=value, not " + QuotedInput.of(name + "=…") + "; write "
                    + usage.usage() + ".");
        }
        return Optional.empty();
    }

    /** Whether the word after {@code audit} asks for the refusals rather than a run. */
    static boolean isRefusals(String word) {
        return REFUSALS.equalsIgnoreCase(word);
    }
}
