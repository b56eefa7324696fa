package dev.ferry.chat;

import dev.ferry.access.AccessPolicy;
import dev.ferry.access.Actor;
import dev.ferry.access.AuditEntry;
import dev.ferry.access.AuditTrail;
import dev.ferry.connector.Host;
import dev.ferry.connector.HostInventory;
import dev.ferry.connector.HostPreflight;
import dev.ferry.procedure.ParameterBinder;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.procedure.QuotedInput;
import dev.ferry.run.Action;
import dev.ferry.run.Run;
import dev.ferry.run.RunEngine;
import dev.ferry.run.RunSnapshot;
import dev.ferry.run.ScriptRenderer;
import dev.ferry.schedule.ScheduleCommands;
import dev.ferry.schedule.ScheduleReadModel;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door from every chat adapter into the core: reads a command, a press or a form's start into a typed
 * request ({@link CommandReader}, {@link ButtonRef}), then runs it through one chain: the access check
 * ({@link CommandGuard}), the handler of its feature, its line in the audit trail. Every answer is a
 * {@link Reply}; nothing here throws at an adapter, and no stack trace reaches chat.
 */
public class CommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    static final String VERBS = "help, list, show, plan, start, status, resume, abort, hosts, check, schedule, audit";

    private final ProcedureCatalog catalog;
    private final CommandGuard guard;
    private final AuditTrail audit;
    private final Clock clock;
    private final CommandRedaction redaction;
    private final CommandReader reader;
    private final CatalogCommands catalogCommands;
    private final RunCommands runs;
    private final HostCommands hosts;
    private final AuditCommands audits;
    private final ScheduleReplies schedules;
    private final ChatLookups lookups;

    public CommandDispatcher(ProcedureCatalog catalog, HostInventory inventory, RunEngine engine,
                             ScriptRenderer renderer, AccessPolicy access, AuditTrail audit, Clock clock,
                             HostPreflight preflight, ScheduleCommands schedules,
                             ScheduleReadModel scheduleReadModel) {
        this.catalog = catalog;
        this.guard = new CommandGuard(access, id -> catalog.find(id).isPresent());
        this.audit = audit;
        this.clock = clock;
        this.redaction = new CommandRedaction(catalog);
        CatalogReplies catalogReplies = new CatalogReplies(catalog, inventory, renderer);
        this.reader = new CommandReader(catalog, inventory);
        this.catalogCommands = new CatalogCommands(catalogReplies);
        ParameterBinder binder = new ParameterBinder(inventory::contains);
        this.runs = new RunCommands(engine, binder, catalogReplies);
        this.hosts = new HostCommands(preflight, catalogReplies);
        this.audits = new AuditCommands(audit, engine, clock);
        this.schedules = new ScheduleReplies(schedules, scheduleReadModel);
        this.lookups = new ChatLookups(catalog, inventory, engine, access, binder);
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
        return chain(new Request(actor, redact(text), command.runId()), guard.check(command, actor, channel),
                () -> handle(command, actor, channel), e -> {
                    log.error("Command '{}' of {} failed", command.verb(), actor, e);
                    return new Handled(Reply.error("Ferry could not carry out /migrate " + command.verb() + "."
                            + " Nothing was lost; the log has the details. Try again, or /migrate status to see where"
                            + " runs stand."), command.runId(), AuditEntry.Kind.COMMAND);
                });
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
        return chain(new Request(actor, shown, runId), guard.check(action.get(), actor),
                () -> runs.press(button.get(), action.get(), actor, reason), e -> {
                    log.error("Press {} on {} by {} failed", actionWord, buttonValue, actor, e);
                    return new Handled(Reply.error("Ferry could not take that press; the log has the details. The run"
                            + " is unchanged; press again or see /migrate status " + runId + "."), runId,
                            AuditEntry.Kind.REFUSED, null, shown + " → failed inside Ferry");
                });
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
            return reader.noProcedure(procedureId);
        }
        return chain(new Request(actor, shown, null), guard.checkStart(procedureId, actor, channel),
                () -> runs.handle(new Command.Start(procedure.get(), parameters), actor, channel), e -> {
                    throw e;
                });
    }

    /** A request as read: who asks, how the audit trail shows what was asked, and the run it names. */
    private record Request(Actor actor, String shown, String runId) {
    }

    /**
     * The one chain in front of every handler: the access check, then the handler, then its line in the audit
     * trail. A refusal is filed and answered without reaching the handler; a handler that fails answers with
     * what {@code failed} makes of it.
     */
    private Reply chain(Request request, Optional<String> refusal, Supplier<Handled> handler,
                        Function<RuntimeException, Handled> failed) {
        if (refusal.isPresent()) {
            record(AuditEntry.Kind.REFUSED, request.actor(), request.runId(), request.shown() + " → " + refusal.get());
            return Reply.error(refusal.get());
        }
        Handled handled;
        try {
            handled = handler.get();
        } catch (RuntimeException e) {
            handled = failed.apply(e);
        }
        if (!handled.filed()) {
            AuditEntry entry = AuditEntry.of(handled.kind(), request.actor(), handled.runId(), clock.instant());
            if (handled.step() != null) {
                entry = entry.step(handled.step().stepId(), handled.step().attempt());
            }
            audit.append(entry.detail(handled.detail() != null ? handled.detail()
                    : request.shown() + outcome(handled.reply())));
        }
        return handled.reply();
    }

    /** The typed command's handler: the one place a verb meets the feature that answers it. */
    private Handled handle(ChatCommand words, Actor actor, String channel) {
        Command command = reader.read(words);
        if (command instanceof Command.Unreadable unreadable) {
            // A start names a procedure, never a run.
            return new Handled(unreadable.answer(), words.verb().equals("start") ? null : words.runId());
        }
        if (command instanceof Command.OnRuns onRuns) {
            return runs.handle(onRuns, actor, channel);
        }
        if (command instanceof Command.OnCatalog onCatalog) {
            return Handled.of(catalogCommands.handle(onCatalog), words);
        }
        if (command instanceof Command.OnHosts onHosts) {
            return hosts.handle(onHosts);
        }
        if (command instanceof Command.OnAudit onAudit) {
            return audits.handle(onAudit);
        }
        return Handled.of(schedules.handle((Command.OnSchedules) command, actor), words);
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

    /**
     * The command as it may be shown again (echoed, logged): the values of secret parameters masked.
     * For {@code resume} every parameter is a secret.
     */
    public String redact(String text) {
        return redaction.redact(text);
    }

    /** The read-only view of what adapters look up: suggestions, host names, a form's problems, step ids, roles, waiting runs. */
    public ChatLookups lookups() {
        return lookups;
    }
}
