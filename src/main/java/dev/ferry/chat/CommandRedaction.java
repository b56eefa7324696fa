package dev.ferry.chat;

import dev.ferry.procedure.BoundParameters;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import java.util.Map;
import java.util.Optional;

/** A command as it may be shown again (echoed, logged, audited): every secret parameter's value masked. */
final class CommandRedaction {

    private final ProcedureCatalog catalog;

    CommandRedaction(ProcedureCatalog catalog) {
        this.catalog = catalog;
    }

    /** The text after {@code /migrate} with secret values masked; for {@code resume} every value is a secret. */
    String redact(String text) {
        ChatCommand command;
        try {
            command = ChatCommand.parse(text);
        } catch (IllegalArgumentException e) {
            return text.contains("=") ? "(a command that could not be read; not shown, it may hold a secret)" : text;
        }
        if (command.parameters().isEmpty()) {
            return text.strip();
        }
        boolean allSecret = "resume".equals(command.verb());
        String procedureId = "schedule".equals(command.verb())
                ? command.arguments().size() > 1 ? command.arguments().get(1) : null
                : command.argument();
        Optional<Procedure> procedure = allSecret ? Optional.empty()
                : Optional.ofNullable(procedureId).flatMap(catalog::find);
        StringBuilder out = new StringBuilder(command.verb());
        command.arguments().forEach(a -> out.append(' ').append(a));
        // A schedule's own keys (host, cron, tz, channel) are no parameters of its procedure, and no secrets.
        boolean unknownMasked = !"schedule".equals(command.verb());
        return out.append(masked(procedure, command.parameters(), allSecret, unknownMasked)).toString();
    }

    /**
     * " name=value …" with each secret's value masked; with no procedure to tell, every value is masked, and so
     * is the value of a name the procedure does not have (a secret's name mistyped must not leak its value).
     */
    static String masked(Optional<Procedure> procedure, Map<String, String> parameters, boolean allSecret) {
        return masked(procedure, parameters, allSecret, true);
    }

    private static String masked(Optional<Procedure> procedure, Map<String, String> parameters, boolean allSecret,
                                 boolean unknownMasked) {
        StringBuilder out = new StringBuilder();
        parameters.forEach((name, value) -> {
            boolean secret = allSecret || procedure.isEmpty()
                    || procedure.get().parameter(name).map(p -> p.isSecret()).orElse(unknownMasked);
            out.append(' ').append(name).append('=')
                    .append(secret ? BoundParameters.SECRET_SET : value.contains(" ") ? "\"" + value + "\"" : value);
        });
        return out.toString();
    }
}
