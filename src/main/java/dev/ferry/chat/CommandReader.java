package dev.ferry.chat;

import dev.ferry.connector.HostInventory;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.procedure.QuotedInput;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place a parsed {@link ChatCommand} becomes a typed {@link Command}: the words its verb takes
 * ({@link CommandGrammar}), the procedure it names, the run id, the host. Every problem is one answer naming
 * what was wrong and what to write instead.
 */
final class CommandReader {

    private final ProcedureCatalog catalog;
    private final HostInventory inventory;
    private final ProcedureSuggestions suggestions;

    CommandReader(ProcedureCatalog catalog, HostInventory inventory) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.suggestions = new ProcedureSuggestions(catalog);
    }

    Command read(ChatCommand command) {
        if (command.verb().equals("start")) {
            return withProcedure(command, "start", p -> new Command.Start(p, command.parameters()));
        }
        Optional<String> surplus = CommandGrammar.surplus(command);
        if (surplus.isPresent()) {
            return new Command.Unreadable(Reply.error(surplus.get()));
        }
        return switch (command.verb()) {
            case "help" -> new Command.Help();
            case "list" -> new Command.ListProcedures();
            case "show" -> withProcedure(command, "show", Command.Show::new);
            case "plan" -> withProcedure(command, "plan", p -> new Command.Plan(p, command.parameters()));
            case "status" -> command.argument() == null ? new Command.Status(null)
                    : withRun(command, "status", Command.Status::new);
            case "resume" -> withRun(command, "resume", id -> new Command.Resume(id, command.parameters()));
            case "abort" -> withRun(command, "abort", Command.Abort::new);
            case "hosts" -> new Command.Hosts();
            case "check" -> check(command.argument());
            case "audit" -> command.argument() != null && CommandGrammar.isRefusals(command.argument())
                    ? new Command.AuditRefusals(command.arguments().size() > 1 ? command.arguments().get(1) : null)
                    : withRun(command, "audit", Command.AuditRun::new);
            case "schedule" -> schedule(command);
            default -> new Command.Unreadable(Reply.error(QuotedInput.of(command.verb())
                    + " is not a /migrate command; use one of " + CommandDispatcher.VERBS
                    + ". /migrate help explains each."));
        };
    }

    /** {@code /migrate schedule …}: its subcommand and what that takes, or what is wrong with it. */
    private static Command schedule(ChatCommand command) {
        List<String> arguments = command.arguments();
        String sub = arguments.isEmpty() ? "" : arguments.get(0).toLowerCase(Locale.ROOT);
        String target = arguments.size() > 1 ? arguments.get(1) : null;
        String usage = ScheduleReplies.USAGE;
        if (sub.equals("add") && arguments.size() > 2) {
            return unreadable(QuotedInput.of(arguments.get(2)) + " is not name=value; write " + usage);
        }
        if (!sub.equals("add") && !command.parameters().isEmpty()) {
            return unreadable("/migrate schedule " + sub + " takes no name=value; write " + usage);
        }
        switch (sub) {
            case "list":
                return target == null ? new Command.ScheduleList() : unreadable("/migrate schedule list takes nothing"
                        + " more, not " + QuotedInput.of(target) + "; write /migrate schedule list.");
            case "add":
                return target == null ? unreadable("/migrate schedule add needs a procedure: " + usage)
                        : new Command.ScheduleAdd(target, command.parameters());
            case "":
                return unreadable("/migrate schedule needs what to do: " + usage);
            default:
                break;
        }
        Optional<Command.ScheduleVerb> verb = Arrays.stream(Command.ScheduleVerb.values())
                .filter(v -> v.word.equals(sub)).findFirst();
        if (verb.isEmpty()) {
            return unreadable(QuotedInput.of(sub) + " is not a schedule command; write " + usage);
        }
        if (arguments.size() > 2) {
            return unreadable("/migrate schedule " + sub + " takes one schedule id, not "
                    + QuotedInput.of(arguments.get(2)) + "; write /migrate schedule " + sub + " <id>.");
        }
        if (target != null && !QuotedInput.isPlain(target)) {
            // Every answer names the id: one that would not show as typed is no schedule's.
            return unreadable("There is no schedule " + QuotedInput.of(target) + "; /migrate schedule list shows them.");
        }
        return new Command.ScheduleChangeOf(verb.get(), target);
    }

    private static Command unreadable(String answer) {
        return new Command.Unreadable(Reply.error(answer));
    }

    /** There is no procedure {@code id}, with the nearest names. */
    Reply noProcedure(String id) {
        return Reply.error("There is no procedure " + QuotedInput.of(id) + "." + suggestions.didYouMean(id)
                + " /migrate list shows them all.");
    }

    /** The command {@code then} makes of the procedure {@code command} names, or what is wrong with that name. */
    private Command withProcedure(ChatCommand command, String verb, Function<Procedure, Command> then) {
        String id = command.argument();
        if (id == null) {
            return new Command.Unreadable(Reply.error("/migrate " + verb + " needs a procedure: /migrate " + verb
                    + " <procedure>" + (verb.equals("show") ? "" : " name=value ...") + ". /migrate list shows them."));
        }
        Optional<Procedure> procedure = catalog.find(id);
        if (procedure.isEmpty()) {
            return new Command.Unreadable(noProcedure(id));
        }
        if (command.arguments().size() > 1) {
            return new Command.Unreadable(Reply.error(QuotedInput.of(command.arguments().get(1))
                    + " is not name=value; parameters of "
                    + id + " are given as name=value, e.g. /migrate " + verb + " " + id + " "
                    + procedure.get().parameters().stream().findFirst().map(p -> p.name() + "=…").orElse("")));
        }
        return then.apply(procedure.get());
    }

    /** The command {@code then} makes of the run {@code command} names, or what is wrong with that run id. */
    private static Command withRun(ChatCommand command, String verb, Function<String, Command> then) {
        if (command.argument() == null) {
            return new Command.Unreadable(Reply.error("/migrate " + verb + " needs a run id, e.g. /migrate " + verb
                    + " R3. /migrate status lists the active runs."));
        }
        if (!ButtonRef.isRunId(command.argument())) {
            return new Command.Unreadable(Reply.error(QuotedInput.of(command.argument()) + " is not a run id; run ids"
                    + " are R and a number, e.g. /migrate " + verb + " R3. /migrate status lists the active runs."));
        }
        return then.apply(command.argument());
    }

    private Command check(String hostName) {
        if (hostName == null) {
            return new Command.Unreadable(Reply.error("/migrate check needs a host, e.g. /migrate check spe-ih-01."
                    + " /migrate hosts lists them."));
        }
        if (!inventory.contains(hostName)) {
            return new Command.Unreadable(Reply.error("There is no host " + QuotedInput.of(hostName)
                    + " in the inventory. /migrate hosts lists them."));
        }
        return new Command.Check(hostName);
    }
}
