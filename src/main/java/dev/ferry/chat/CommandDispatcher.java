package dev.ferry.chat;

import dev.ferry.access.AccessPolicy;
import dev.ferry.access.Actor;
import dev.ferry.access.AuditEntry;
import dev.ferry.access.AuditExport;
import dev.ferry.access.AuditTrail;
import dev.ferry.access.Role;
import dev.ferry.connector.Host;
import dev.ferry.connector.HostInventory;
import dev.ferry.connector.HostPreflight;
import dev.ferry.procedure.BoundParameters;
import dev.ferry.procedure.InvalidParametersException;
import dev.ferry.procedure.ParameterBinder;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.procedure.QuotedInput;
import dev.ferry.run.Action;
import dev.ferry.run.Press;
import dev.ferry.run.Run;
import dev.ferry.run.RunEngine;
import dev.ferry.run.RunSnapshot;
import dev.ferry.run.ScriptRenderer;
import dev.ferry.schedule.ScheduleCommands;
import dev.ferry.schedule.ScheduleReadModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
    static final String VERBS = "help, list, show, plan, start, status, resume, abort, hosts, check, schedule, audit";
    /** A rejection's reason is kept in the step's note and shown on its message: a sentence or a few, not a file. */
    static final int REASON_LIMIT = 1_000;

    private final ProcedureCatalog catalog;
    private final HostInventory inventory;
    private final RunEngine engine;
    private final ParameterBinder binder;
    private final CatalogReplies catalogReplies;
    private final CommandGuard guard;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final Clock clock;
    private final ScheduleReplies scheduleReplies;
    private final String help;
    private final HostPreflight preflight;
    private final CommandRedaction redaction;
    private final ProcedureSuggestions suggestions;
    private final RefusalReplies refusals;

    public CommandDispatcher(ProcedureCatalog catalog, HostInventory inventory, RunEngine engine,
                             ScriptRenderer renderer, AccessPolicy access, AuditTrail audit, Clock clock,
                             HostPreflight preflight, ScheduleCommands schedules,
                             ScheduleReadModel scheduleReadModel) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.preflight = preflight;
        this.engine = engine;
        this.binder = new ParameterBinder(inventory::contains);
        this.catalogReplies = new CatalogReplies(catalog, inventory, renderer);
        this.guard = new CommandGuard(access, id -> catalog.find(id).isPresent());
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.scheduleReplies = new ScheduleReplies(schedules, scheduleReadModel);
        this.help = readHelp();
        this.redaction = new CommandRedaction(catalog);
        this.suggestions = new ProcedureSuggestions(catalog);
        this.refusals = new RefusalReplies(audit, clock);
    }

    /**
     * Handles the text after {@code /migrate}, typed by {@code actor} in {@code channel}: the access check,
     * the command, and its line in the audit trail (secret values masked).
     */
    public Reply dispatch(String text, Actor actor, String channel) {
        ChatCommand command;
        try {
            command = ChatCommand.parse(text);
        } catch (IllegalArgumentException e) {
            record(AuditEntry.Kind.REFUSED, actor, null, redact(text) + " → could not be read");
            return Reply.error("Could not read that command: " + e.getMessage() + ".");
        }
        String shown = redact(text);
        Optional<String> refusal = guard.check(command, actor, channel);
        if (refusal.isPresent()) {
            record(AuditEntry.Kind.REFUSED, actor, runIdOf(command), shown + " → " + refusal.get());
            return Reply.error(refusal.get());
        }
        Handled handled;
        try {
            handled = handle(command, actor, channel);
        } catch (RuntimeException e) {
            log.error("Command '{}' of {} failed", command.verb(), actor, e);
            handled = new Handled(Reply.error("Ferry could not carry out /migrate " + command.verb() + "."
                    + " Nothing was lost; the log has the details. Try again, or /migrate status to see where runs"
                    + " stand."), runIdOf(command), AuditEntry.Kind.COMMAND);
        }
        record(handled.kind(), actor, handled.runId(), shown + outcome(handled.reply()));
        return handled.reply();
    }

    /** A button press, from the value the button carried ({@link StepView#buttonValue()}) and its action word. */
    public Reply press(String buttonValue, String actionWord, Actor actor) {
        return press(buttonValue, actionWord, actor, null);
    }

    /** A button press with a reason, as a rejection needs one. */
    public Reply press(String buttonValue, String actionWord, Actor actor, String reason) {
        Optional<ButtonRef> button = ButtonRef.parse(buttonValue);
        Optional<Action> action = Action.fromWord(actionWord);
        if (button.isEmpty() || action.isEmpty()) {
            record(AuditEntry.Kind.REFUSED, actor, null, "press " + actionWord + " " + buttonValue + " → unknown button");
            return Reply.error("That button is not one Ferry knows (" + QuotedInput.of(actionWord + " " + buttonValue)
                    + "); use the buttons of the newest step message, or /migrate status.");
        }
        String runId = button.get().runId();
        String shown = action.get().word() + " on " + button.get().stepId() + " (attempt " + button.get().attempt() + ")"
                + (reason == null || reason.isBlank() ? "" : ", reason: " + reason.strip());
        Optional<String> refusal = guard.check(action.get(), actor);
        if (refusal.isPresent()) {
            record(AuditEntry.Kind.REFUSED, actor, runId, shown + " → " + refusal.get());
            return Reply.error(refusal.get());
        }
        int reasonLength = reason == null ? 0 : reason.strip().codePointCount(0, reason.strip().length());
        if (reasonLength > REASON_LIMIT) {
            String tooLong = "A reason of " + reasonLength + " characters is longer than the " + REASON_LIMIT
                    + " a step's message keeps; say it shorter and press again. Nothing was changed.";
            record(AuditEntry.Kind.REFUSED, actor, runId, shown + " → " + tooLong);
            return Reply.error(tooLong);
        }
        try {
            // The engine writes a press it takes to the audit trail with the change it makes; why it refused is
            // written here, in the words the person reads.
            Press press = new Press(runId, button.get().stepId(), button.get().attempt(), action.get(),
                    actor, reason);
            Outcome outcome = RefusalWords.of(engine.press(press));
            if (!outcome.accepted()) {
                audit.append(AuditEntry.of(AuditEntry.Kind.REFUSED, actor, runId, clock.instant())
                        .step(press.stepId(), press.attempt())
                        .detail(action.get().word() + (reason == null || reason.isBlank() ? ""
                                : ", reason: " + reason.strip()) + " → " + outcome.message()));
            }
            return outcome(outcome);
        } catch (RuntimeException e) {
            log.error("Press {} on {} by {} failed", actionWord, buttonValue, actor, e);
            record(AuditEntry.Kind.REFUSED, actor, runId, shown + " → failed inside Ferry");
            return Reply.error("Ferry could not take that press; the log has the details. The run is unchanged;"
                    + " press again or see /migrate status " + runId + ".");
        }
    }

    /** The roles {@code actor} holds, in words: for "who am I" answers. */
    public List<String> roles(Actor actor) {
        return access.rolesOf(actor).stream().map(Role::word).toList();
    }

    /**
     * A reply, the run it concerns and how the audit trail files it: a command answered with an error was
     * refused (nothing was done), except where the error is the command's own result (a failed host check).
     */
    private record Handled(Reply reply, String runId, AuditEntry.Kind kind) {
        Handled(Reply reply, String runId) {
            this(reply, runId, reply.error() ? AuditEntry.Kind.REFUSED : AuditEntry.Kind.COMMAND);
        }
    }

    private Handled handle(ChatCommand command, Actor actor, String channel) {
        if (command.verb().equals("start")) {
            return procedureProblem(command, "start").map(problem -> new Handled(problem, null)).orElseGet(() ->
                    startRun(catalog.find(command.argument()).orElseThrow(), command.parameters(), actor, channel));
        }
        Optional<String> surplus = CommandGrammar.surplus(command);
        if (surplus.isPresent()) {
            return new Handled(Reply.error(surplus.get()), runIdOf(command));
        }
        if (command.verb().equals("check") && command.argument() != null && inventory.contains(command.argument())) {
            return new Handled(check(command.argument()), null, AuditEntry.Kind.COMMAND);
        }
        return new Handled(reply(command, actor), runIdOf(command));
    }

    private static String runIdOf(ChatCommand command) {
        String argument = command.argument();
        return ButtonRef.isRunId(argument) ? argument : null;
    }

    private static String outcome(Reply reply) {
        if (!reply.error()) {
            return "";
        }
        String text = reply.plainText().strip();
        return " → " + (text.contains("\n") ? text.substring(0, text.indexOf('\n')) : text);
    }

    private void record(AuditEntry.Kind kind, Actor actor, String runId, String detail) {
        audit.append(AuditEntry.of(kind, actor, runId, clock.instant()).detail(detail));
    }

    private Reply reply(ChatCommand command, Actor actor) {
        return switch (command.verb()) {
            case "help" -> new Reply.Builder().code("text", help).build(true);
            case "list" -> catalogReplies.list();
            case "hosts" -> catalogReplies.hosts();
            case "check" -> check(command.argument());
            case "show" -> withProcedure(command, "show", catalogReplies::show);
            case "plan" -> withProcedure(command, "plan", p -> plan(p, command.parameters()));
            case "status" -> command.argument() == null
                    ? RunReplies.active(engine.active())
                    : withRun(command, "status", id -> engine.snapshot(id)
                            .map(snapshot -> RunReplies.one(snapshot, engine.missingSecrets(snapshot.run().id())))
                            .orElseGet(() -> noRun(id)));
            case "resume" -> withRun(command, "resume", id -> resume(id, actor, command.parameters()));
            case "abort" -> withRun(command, "abort", id -> outcome(RefusalWords.of(engine.abort(id, actor))));
            case "audit" -> command.argument() != null && CommandGrammar.isRefusals(command.argument())
                    ? refusals.export(command.arguments().size() > 1 ? command.arguments().get(1) : null)
                    : withRun(command, "audit", id -> engine.snapshot(id).isPresent() ? auditFiles(id) : noRun(id));
            case "schedule" -> scheduleReplies.handle(command, actor);
            default -> Reply.error(QuotedInput.of(command.verb()) + " is not a /migrate command; use one of " + VERBS
                    + ". /migrate help explains each.");
        };
    }

    /** Runs the host preflight and waits for it (at most ferry.preflight.timeout). */
    private Reply check(String hostName) {
        if (hostName == null) {
            return Reply.error("/migrate check needs a host, e.g. /migrate check spe-ih-01. /migrate hosts lists them.");
        }
        if (!inventory.contains(hostName)) {
            return Reply.error("There is no host " + QuotedInput.of(hostName) + " in the inventory. /migrate hosts"
                    + " lists them.");
        }
        try {
            return preflight.check(hostName).map(HostReplies::preflight)
                    .orElseGet(() -> Reply.error("There is no host " + QuotedInput.of(hostName)
                            + " in the inventory."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error("The check of " + hostName + " was interrupted: Ferry is stopping.");
        }
    }

    /**
     * Starts a run from values that need no parsing, e.g. a form's fields. Missing required parameters (and
     * nothing else wrong) give a reply with a {@link Reply.Form} asking for them.
     */
    public Reply start(String procedureId, Map<String, String> parameters, Actor actor, String channel) {
        Optional<Procedure> procedure = catalog.find(procedureId);
        String shown = "start " + procedureId + " (form)" + CommandRedaction.masked(procedure, parameters, false);
        if (procedure.isEmpty()) {
            record(AuditEntry.Kind.REFUSED, actor, null, shown + " → no such procedure");
            return Reply.error("There is no procedure " + QuotedInput.of(procedureId) + "."
                    + suggestions.didYouMean(procedureId) + " /migrate list shows them all.");
        }
        Optional<String> refusal = access.mayStart(actor, procedureId, channel);
        if (refusal.isPresent()) {
            record(AuditEntry.Kind.REFUSED, actor, null, shown + " → " + refusal.get());
            return Reply.error(refusal.get());
        }
        Handled handled = startRun(procedure.get(), parameters, actor, channel);
        record(handled.kind(), actor, handled.runId(), shown + outcome(handled.reply()));
        return handled.reply();
    }

    private Handled startRun(Procedure procedure, Map<String, String> parameters, Actor actor, String channel) {
        try {
            BoundParameters bound = binder.bind(procedure, parameters);
            Run run = engine.start(procedure, bound, actor, channel);
            return new Handled(started(run), run.id());
        } catch (InvalidParametersException e) {
            Reply invalid = invalid(procedure, e);
            if (!e.onlyMissing()) {
                return new Handled(invalid, null);
            }
            Reply.Builder out = new Reply.Builder();
            invalid.parts().forEach(part -> out.line(((Reply.Text) part).text()));
            return new Handled(out.form(new Reply.Form(procedure.id(), procedure.title(), e.missing(), parameters))
                    .buildError(), null);
        }
    }

    private Reply auditFiles(String runId) {
        List<AuditEntry> entries = audit.ofRun(runId);
        return new Reply.Builder()
                .line("Audit trail of run " + runId + ": " + entries.size() + " entries, as JSON lines and as CSV.")
                .attach(new Reply.Attachment(runId + "-audit.jsonl", "application/x-ndjson", AuditExport.jsonLines(entries)))
                .attach(new Reply.Attachment(runId + "-audit.csv", "text/csv", AuditExport.csv(entries)))
                .build(true);
    }

    /** Problems per parameter, empty when the values fit: for forms that show errors beside each field. */
    public Map<String, String> validate(String procedureId, Map<String, String> parameters) {
        Optional<Procedure> procedure = catalog.find(procedureId);
        if (procedure.isEmpty()) {
            return Map.of("procedure", "there is no procedure " + QuotedInput.of(procedureId));
        }
        try {
            binder.bind(procedure.get(), parameters);
            return Map.of();
        } catch (InvalidParametersException e) {
            return e.byParameter();
        }
    }

    private Reply withProcedure(ChatCommand command, String verb, java.util.function.Function<Procedure, Reply> then) {
        return procedureProblem(command, verb).orElseGet(() -> then.apply(catalog.find(command.argument()).orElseThrow()));
    }

    /** What is wrong with the procedure a command names (none given, unknown, stray words), or empty. */
    private Optional<Reply> procedureProblem(ChatCommand command, String verb) {
        String id = command.argument();
        if (id == null) {
            return Optional.of(Reply.error("/migrate " + verb + " needs a procedure: /migrate " + verb + " <procedure>"
                    + (verb.equals("show") ? "" : " name=value ...") + ". /migrate list shows them."));
        }
        Optional<Procedure> procedure = catalog.find(id);
        if (procedure.isEmpty()) {
            return Optional.of(Reply.error("There is no procedure " + QuotedInput.of(id) + "."
                    + suggestions.didYouMean(id) + " /migrate list shows them all."));
        }
        if (command.arguments().size() > 1) {
            return Optional.of(Reply.error(QuotedInput.of(command.arguments().get(1))
                    + " is not name=value; parameters of "
                    + id + " are given as name=value, e.g. /migrate " + verb + " " + id + " "
                    + procedure.get().parameters().stream().findFirst().map(p -> p.name() + "=…").orElse("")));
        }
        return Optional.empty();
    }

    private Reply withRun(ChatCommand command, String verb, java.util.function.Function<String, Reply> then) {
        if (command.argument() == null) {
            return Reply.error("/migrate " + verb + " needs a run id, e.g. /migrate " + verb + " R3."
                    + " /migrate status lists the active runs.");
        }
        if (!ButtonRef.isRunId(command.argument())) {
            return Reply.error(QuotedInput.of(command.argument()) + " is not a run id; run ids are R and a number,"
                    + " e.g. /migrate " + verb + " R3. /migrate status lists the active runs.");
        }
        return then.apply(command.argument());
    }

    /** Secrets given again must reach the host as typed, as at start (ParameterBinder#brokenCharacter). */
    private Reply resume(String runId, Actor actor, Map<String, String> secrets) {
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            Optional<String> broken = ParameterBinder.brokenCharacter(secret.getValue());
            if (broken.isPresent()) {
                return Reply.error("Secret " + secret.getKey() + " " + broken.get() + ". Nothing was resumed.");
            }
        }
        return outcome(RefusalWords.of(engine.resume(runId, actor, secrets)));
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
        return redaction.redact(text);
    }

    /** The verbs {@link #dispatch} knows, in the order help lists them: adapters register commands for these. */
    public List<String> verbs() {
        return List.of(VERBS.split(", "));
    }

    /** What an adapter may offer while a person types (autocomplete). */
    public enum Suggestion {
        PROCEDURE, HOST, RUN
    }

    /** Up to {@code limit} names of {@code kind} containing {@code typed} (any case), those starting with it first. */
    public List<String> suggestions(Suggestion kind, String typed, int limit) {
        List<String> names = switch (kind) {
            case PROCEDURE -> catalog.all().stream().map(Procedure::id).toList();
            case HOST -> inventory.all().stream().map(Host::name).sorted().toList();
            case RUN -> engine.active().stream().map(Run::id).toList();
        };
        String needle = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return names.stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).contains(needle))
                .sorted(Comparator.comparing((String name) -> !name.toLowerCase(Locale.ROOT).startsWith(needle)))
                .limit(limit)
                .toList();
    }

    /** The id of step {@code index} of a run, for buttons that could only carry the step's position. */
    public Optional<String> stepId(String runId, int index) {
        return engine.snapshot(runId).map(RunSnapshot::steps).filter(steps -> index >= 0 && index < steps.size())
                .map(steps -> steps.get(index).stepId());
    }

    /** A line for a console or a new connection: which runs wait, if any. */
    public Optional<Reply> activeRunsNotice() {
        List<Run> active = engine.active();
        if (active.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RunReplies.active(active));
    }

    /** The names of the inventory's hosts, in file order: the choices of a form's host field. */
    public List<String> hostNames() {
        return inventory.all().stream().map(Host::name).toList();
    }

    /** A run as committed, with its procedure and steps: what a run's header message shows. */
    public Optional<RunSnapshot> snapshot(String runId) {
        return engine.snapshot(runId);
    }
}
