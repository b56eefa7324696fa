package dev.ferry.chat;

import dev.ferry.access.AccessPolicy;
import dev.ferry.access.Actor;
import dev.ferry.access.Role;
import dev.ferry.connector.Host;
import dev.ferry.connector.HostInventory;
import dev.ferry.procedure.InvalidParametersException;
import dev.ferry.procedure.ParameterBinder;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.procedure.QuotedInput;
import dev.ferry.run.Run;
import dev.ferry.run.RunEngine;
import dev.ferry.run.RunSnapshot;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What adapters look up while they lay out a command or a button, read-only: names to offer while a person
 * types, the choices of a form's host field and the problems of its values, a step's id from its position, a person's roles, the waiting runs.
 * Nothing here changes anything or writes the audit trail; commands go through {@link CommandDispatcher}.
 */
public final class ChatLookups {

    /** What an adapter may offer while a person types (autocomplete). */
    public enum Suggestion {
        PROCEDURE, HOST, RUN
    }

    private final ProcedureCatalog catalog;
    private final HostInventory inventory;
    private final RunEngine engine;
    private final AccessPolicy access;
    private final ParameterBinder binder;

    ChatLookups(ProcedureCatalog catalog, HostInventory inventory, RunEngine engine, AccessPolicy access,
                ParameterBinder binder) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.engine = engine;
        this.access = access;
        this.binder = binder;
    }

    /** The verbs {@link CommandDispatcher#dispatch} knows, in the order help lists them: adapters register these. */
    public List<String> verbs() {
        return List.of(CommandDispatcher.VERBS.split(", "));
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

    /** The names of the inventory's hosts, in file order: the choices of a form's host field. */
    public List<String> hostNames() {
        return inventory.all().stream().map(Host::name).toList();
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

    /** The id of step {@code index} of a run, for buttons that could only carry the step's position. */
    public Optional<String> stepId(String runId, int index) {
        return engine.snapshot(runId).map(RunSnapshot::steps).filter(steps -> index >= 0 && index < steps.size())
                .map(steps -> steps.get(index).stepId());
    }

    /** The roles {@code actor} holds, in words: for "who am I" answers. */
    public List<String> roles(Actor actor) {
        return access.rolesOf(actor).stream().map(Role::word).toList();
    }

    /**
     * Whether a Reject press opens the form that asks for a reason: only for an approver. Anyone else is answered at
     * once with the press's refusal (which names the role), without typing a reason first; on every platform.
     */
    public boolean asksForReason(Actor actor) {
        return access.rolesOf(actor).contains(Role.APPROVER);
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
