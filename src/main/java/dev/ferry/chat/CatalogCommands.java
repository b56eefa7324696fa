package dev.ferry.chat;

import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.procedure.QuotedInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/** {@code /migrate help}, {@code list} and {@code show <procedure>}: what Ferry can do, read from the catalog. */
final class CatalogCommands {

    private final ProcedureCatalog catalog;
    private final CatalogReplies replies;
    private final ProcedureSuggestions suggestions;
    private final String help;

    CatalogCommands(ProcedureCatalog catalog, CatalogReplies replies) {
        this.catalog = catalog;
        this.replies = replies;
        this.suggestions = new ProcedureSuggestions(catalog);
        this.help = readHelp();
    }

    Handled handle(ChatCommand command) {
        Reply reply = switch (command.verb()) {
            case "help" -> new Reply.Builder().code("text", help).build(true);
            case "list" -> replies.list();
            case "show" -> withProcedure(command, "show", replies::show);
            default -> throw new IllegalArgumentException("not a catalog verb: " + command.verb());
        };
        return Handled.of(reply, command);
    }

    /** The answer of {@code then} to the procedure {@code command} names, or what is wrong with that name. */
    Reply withProcedure(ChatCommand command, String verb, Function<Procedure, Reply> then) {
        return procedureProblem(command, verb).orElseGet(() -> then.apply(catalog.find(command.argument()).orElseThrow()));
    }

    /** What is wrong with the procedure a command names (none given, unknown, stray words), or empty. */
    Optional<Reply> procedureProblem(ChatCommand command, String verb) {
        String id = command.argument();
        if (id == null) {
            return Optional.of(Reply.error("/migrate " + verb + " needs a procedure: /migrate " + verb + " <procedure>"
                    + (verb.equals("show") ? "" : " name=value ...") + ". /migrate list shows them."));
        }
        Optional<Procedure> procedure = catalog.find(id);
        if (procedure.isEmpty()) {
            return Optional.of(noProcedure(id));
        }
        if (command.arguments().size() > 1) {
            return Optional.of(Reply.error(QuotedInput.of(command.arguments().get(1))
                    + " is not name=value; parameters of "
                    + id + " are given as name=value, e.g. /migrate " + verb + " " + id + " "
                    + procedure.get().parameters().stream().findFirst().map(p -> p.name() + "=…").orElse("")));
        }
        return Optional.empty();
    }

    /** There is no procedure {@code id}, with the nearest names. */
    Reply noProcedure(String id) {
        return Reply.error("There is no procedure " + QuotedInput.of(id) + "." + suggestions.didYouMean(id)
                + " /migrate list shows them all.");
    }

    private static String readHelp() {
        try (InputStream in = CatalogCommands.class.getResourceAsStream("help.txt")) {
            if (in == null) {
                throw new IllegalStateException("help.txt is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
