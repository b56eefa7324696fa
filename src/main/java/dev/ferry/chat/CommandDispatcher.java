package dev.ferry.chat;

import dev.ferry.access.Actor;
import dev.ferry.connector.HostInventory;
import dev.ferry.procedure.BoundParameters;
import dev.ferry.procedure.InvalidParametersException;
import dev.ferry.procedure.ParameterBinder;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.run.Action;
import dev.ferry.run.Outcome;
import dev.ferry.run.Press;
import dev.ferry.run.Run;
import dev.ferry.run.RunEngine;
import dev.ferry.run.ScriptRenderer;
import dev.ferry.schedule.Schedules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door from every chat adapter into the core: parses nothing platform-specific, checks
 * parameters against the procedure, and asks the engine. Every answer is a {@link Reply}; nothing
 * here throws at an adapter, and no stack trace reaches chat.
 */
public class CommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    static final String VERBS = "help, list, show, plan, start, status, resume, abort, hosts, schedule";

    private final ProcedureCatalog catalog;
    private final RunEngine engine;
    private final ParameterBinder binder;
    private final CatalogReplies catalogReplies;
    private final ScheduleReplies scheduleReplies;
    private final String help;

    public CommandDispatcher(ProcedureCatalog catalog, HostInventory inventory, RunEngine engine,
                             ScriptRenderer renderer, Schedules schedules) {
        this.catalog = catalog;
        this.engine = engine;
        this.binder = new ParameterBinder(inventory::contains);
        this.catalogReplies = new CatalogReplies(catalog, inventory, renderer);
        this.scheduleReplies = new ScheduleReplies(schedules);
        this.help = readHelp();
    }

    /** Handles the text after {@code /migrate}, typed by {@code actor} in {@code channel}. */
    public Reply dispatch(String text, Actor actor, String channel) {
        ChatCommand command;
        try {
            command = ChatCommand.parse(text);
        } catch (IllegalArgumentException e) {
            return Reply.error("Could not read that command: " + e.getMessage() + ".");
        }
        try {
            return handle(command, actor, channel);
        } catch (RuntimeException e) {
            log.error("Command '{}' of {} failed", command.verb(), actor, e);
            return Reply.error("Ferry could not carry out /migrate " + command.verb() + " (" + e.getClass().getSimpleName()
                    + "). Nothing was lost; the log has the details. Try again, or /migrate status to see where runs stand.");
        }
    }

    /** A button press, from the value the button carried ({@link StepView#buttonValue()}) and its action word. */
    public Reply press(String buttonValue, String actionWord, Actor actor) {
        String[] parts = buttonValue.split(":");
        Optional<Action> action = Action.fromWord(actionWord);
        if (parts.length != 3 || action.isEmpty() || !parts[2].chars().allMatch(Character::isDigit) || parts[2].isEmpty()) {
            return Reply.error("That button is not one Ferry knows (" + actionWord + " " + buttonValue
                    + "); use the buttons of the newest step message, or /migrate status.");
        }
        try {
            Outcome outcome = engine.press(new Press(parts[0], parts[1], Integer.parseInt(parts[2]), action.get(), actor));
            return outcome.accepted() ? Reply.info(outcome.message()) : Reply.error(outcome.message());
        } catch (RuntimeException e) {
            log.error("Press {} on {} by {} failed", actionWord, buttonValue, actor, e);
            return Reply.error("Ferry could not take that press (" + e.getClass().getSimpleName()
                    + "). The run is unchanged; press again or see /migrate status " + parts[0] + ".");
        }
    }

    private Reply handle(ChatCommand command, Actor actor, String channel) {
        return switch (command.verb()) {
            case "help" -> new Reply.Builder().code("text", help).build(true);
            case "list" -> catalogReplies.list();
            case "hosts" -> catalogReplies.hosts();
            case "show" -> withProcedure(command, "show", catalogReplies::show);
            case "plan" -> withProcedure(command, "plan", p -> plan(p, command.parameters()));
            case "start" -> withProcedure(command, "start", p -> start(p.id(), command.parameters(), actor, channel));
            case "status" -> command.argument() == null
                    ? RunReplies.active(engine.active())
                    : engine.snapshot(command.argument()).map(RunReplies::one)
                            .orElseGet(() -> noRun(command.argument()));
            case "resume" -> withRun(command, "resume", id -> outcome(engine.resume(id, actor, command.parameters())));
            case "abort" -> withRun(command, "abort", id -> outcome(engine.abort(id, actor)));
            case "schedule" -> scheduleReplies.handle(command, actor);
            default -> Reply.error("'" + command.verb() + "' is not a /migrate command; use one of " + VERBS
                    + ". /migrate help explains each.");
        };
    }

    /**
     * Starts a run from values that need no parsing, e.g. a form's fields. Missing required parameters (and
     * nothing else wrong) give a reply with a {@link Reply.Form} asking for them.
     */
    public Reply start(String procedureId, Map<String, String> parameters, Actor actor, String channel) {
        Optional<Procedure> procedure = catalog.find(procedureId);
        if (procedure.isEmpty()) {
            return Reply.error("There is no procedure '" + procedureId + "'." + suggestion(procedureId)
                    + " /migrate list shows them all.");
        }
        try {
            BoundParameters bound = binder.bind(procedure.get(), parameters);
            return started(engine.start(procedure.get(), bound, actor, channel));
        } catch (InvalidParametersException e) {
            Reply invalid = invalid(procedure.get(), e);
            if (!e.onlyMissing()) {
                return invalid;
            }
            Reply.Builder out = new Reply.Builder();
            invalid.parts().forEach(part -> out.line(((Reply.Text) part).text()));
            return out.form(new Reply.Form(procedure.get().id(), procedure.get().title(), e.missing(), parameters))
                    .buildError();
        }
    }

    /** Problems per parameter, empty when the values fit: for forms that show errors beside each field. */
    public Map<String, String> validate(String procedureId, Map<String, String> parameters) {
        Optional<Procedure> procedure = catalog.find(procedureId);
        if (procedure.isEmpty()) {
            return Map.of("procedure", "there is no procedure '" + procedureId + "'");
        }
        try {
            binder.bind(procedure.get(), parameters);
            return Map.of();
        } catch (InvalidParametersException e) {
            return e.byParameter();
        }
    }

    private Reply withProcedure(ChatCommand command, String verb, java.util.function.Function<Procedure, Reply> then) {
        String id = command.argument();
        if (id == null) {
            return Reply.error("/migrate " + verb + " needs a procedure: /migrate " + verb + " <procedure>"
                    + (verb.equals("show") ? "" : " name=value ...") + ". /migrate list shows them.");
        }
        Optional<Procedure> procedure = catalog.find(id);
        if (procedure.isEmpty()) {
            return Reply.error("There is no procedure '" + id + "'." + suggestion(id) + " /migrate list shows them all.");
        }
        if (command.arguments().size() > 1) {
            return Reply.error("'" + command.arguments().get(1) + "' is not name=value; parameters of "
                    + id + " are given as name=value, e.g. /migrate " + verb + " " + id + " "
                    + procedure.get().parameters().stream().findFirst().map(p -> p.name() + "=…").orElse(""));
        }
        return then.apply(procedure.get());
    }

    private Reply withRun(ChatCommand command, String verb, java.util.function.Function<String, Reply> then) {
        if (command.argument() == null) {
            return Reply.error("/migrate " + verb + " needs a run id, e.g. /migrate " + verb + " R3."
                    + " /migrate status lists the active runs.");
        }
        return then.apply(command.argument());
    }

    private Reply plan(Procedure procedure, Map<String, String> parameters) {
        try {
            return catalogReplies.plan(procedure, binder.bind(procedure, parameters));
        } catch (InvalidParametersException e) {
            return invalid(procedure, e);
        }
    }

    private Reply invalid(Procedure procedure, InvalidParametersException e) {
        Reply.Builder out = new Reply.Builder().line("The parameters do not fit " + procedure.id() + ":");
        e.problems().forEach(p -> out.line("• " + p));
        return out.line("Nothing was started. /migrate show " + procedure.id() + " lists its parameters.").buildError();
    }

    private static Reply started(Run run) {
        return new Reply.Builder().line("Started run " + run.id() + " of " + run.procedureId()
                + ". Its steps follow in the run's thread; /migrate status " + run.id() + " shows where it stands.")
                .build(true);
    }

    static Reply outcome(Outcome outcome) {
        return outcome.accepted() ? Reply.info(outcome.message()) : Reply.error(outcome.message());
    }

    private static Reply noRun(String id) {
        return Reply.error("There is no run " + id + ". /migrate status lists the active runs.");
    }

    private String suggestion(String id) {
        return catalog.all().stream().map(Procedure::id)
                .min(Comparator.comparingInt(candidate -> distance(candidate, id)))
                .filter(best -> distance(best, id) <= Math.max(3, id.length() / 3))
                .map(best -> " Did you mean " + best + "?").orElse("");
    }

    /** Levenshtein distance, for "did you mean". */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String readHelp() {
        try (InputStream in = CommandDispatcher.class.getResourceAsStream("help.txt")) {
            if (in == null) {
                throw new IllegalStateException("help.txt is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The command as it may be shown again (echoed, logged): the values of secret parameters masked.
     * For {@code resume} every parameter is a secret.
     */
    public String redact(String text) {
        ChatCommand command;
        try {
            command = ChatCommand.parse(text);
        } catch (IllegalArgumentException e) {
            return text.contains("=") ? "(a command that could not be read; not shown, it may hold a secret)" : text;
        }
        if (command.parameters().isEmpty()) {
            return text;
        }
        String procedureId = "schedule".equals(command.verb())
                ? command.arguments().size() > 1 ? command.arguments().get(1) : null
                : command.argument();
        Optional<Procedure> procedure = "resume".equals(command.verb()) ? Optional.empty()
                : Optional.ofNullable(procedureId).flatMap(catalog::find);
        StringBuilder out = new StringBuilder(command.verb());
        command.arguments().forEach(a -> out.append(' ').append(a));
        command.parameters().forEach((name, value) -> {
            boolean secret = "resume".equals(command.verb()) || procedure.isEmpty()
                    || procedure.get().parameter(name).map(p -> p.isSecret()).orElse(false);
            out.append(' ').append(name).append('=')
                    .append(secret ? BoundParameters.SECRET_SET : value.contains(" ") ? "\"" + value + "\"" : value);
        });
        return out.toString();
    }

    /** A line for a console or a new connection: which runs wait, if any. */
    public Optional<Reply> activeRunsNotice() {
        List<Run> active = engine.active();
        if (active.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RunReplies.active(active));
    }
}
