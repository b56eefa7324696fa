package dev.ferry.run;

import dev.ferry.access.Actor;
import dev.ferry.access.AuditEntry;
import dev.ferry.access.AuditTrail;
import dev.ferry.procedure.BoundParameters;
import dev.ferry.procedure.Parameter;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.procedure.ProcedureLoader;
import dev.ferry.procedure.Step;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The state machine of a run (DESIGN.md, "The flow of one run"). Every transition is one
 * {@link RunTransaction}: committed before the event that shows it is published. Presses on one run are
 * serialised there, and the database write is conditional on the state and attempt the press was made for,
 * so of two presses exactly one wins.
 */
public class RunEngine {

    private static final Logger log = LoggerFactory.getLogger(RunEngine.class);

    private final RunRepository runs;
    private final ProcedureCatalog catalog;
    private final StepRunner stepRunner;
    private final StepTransitions transitions;
    private final RunAudit audit;
    private final RunTransaction units;
    private final List<RunEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final Map<String, Procedure> procedures = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();

    public RunEngine(RunRepository runs, ProcedureCatalog catalog, StepRunner stepRunner, ApprovalRule approvals,
                     AuditTrail auditTrail, TransactionTemplate tx, Clock clock) {
        this.runs = runs;
        this.catalog = catalog;
        this.stepRunner = stepRunner;
        this.transitions = new StepTransitions(approvals);
        this.audit = new RunAudit(auditTrail, clock);
        this.clock = clock;
        this.units = new RunTransaction(tx, this::publish,
                (after, executing) -> stepRunner.submit(after, executing, valuesOf(after.run())));
        stepRunner.report(new StepRunner.Reports() {
            @Override
            public void output(RunEvent.StepOutput output) {
                publish(List.of(output));
            }

            @Override
            public void finished(StepRecord executed, StepRecord result) {
                finishExecution(executed, result);
            }
        });
    }

    /** Adds a chat adapter that renders this engine's events. */
    public void subscribe(RunEventListener listener) {
        listeners.add(listener);
    }

    public void unsubscribe(RunEventListener listener) {
        listeners.remove(listener);
    }

    /** Starts a run: its record and first step are committed, then posted. */
    public Run start(Procedure procedure, BoundParameters parameters, Actor requester, String channel) {
        String text = catalog.text(procedure.id()).orElseThrow(() ->
                new IllegalArgumentException("procedure " + procedure.id() + " is not in the catalog"));
        Instant now = clock.instant();
        return units.creating(unit -> {
            Run run = unit.write(() -> {
                String id = runs.nextRunId();
                List<StepRecord> records = new ArrayList<>();
                for (int i = 0; i < procedure.steps().size(); i++) {
                    Step step = procedure.steps().get(i);
                    boolean applies = step.when().test(parameters.values());
                    records.add(StepRecord.initial(id, i, step.id(),
                            applies ? StepState.PENDING : StepState.NOT_APPLICABLE,
                            applies ? null : "condition " + step.when().text() + " is false for this run"));
                }
                Run created = new Run(id, procedure.id(), procedure.version(), parameters.publicValues(),
                        RunStatus.ACTIVE, -1, requester, channel, now, now);
                runs.insert(created, text, records);
                procedures.put(id, procedure);
                if (!parameters.secretNames().isEmpty()) {
                    Map<String, String> held = new HashMap<>();
                    parameters.secretNames().forEach(name -> held.put(name, parameters.values().get(name)));
                    secrets.put(id, held);
                }
                audit.runStarted(created, procedure);
                unit.show(new RunEvent.RunStarted(created, procedure));
                advance(created, procedure, records, -1, unit);
                Run stored = runs.find(id).orElseThrow();
                if (stored.status().ended()) {
                    audit.runEnded(stored, requester);
                }
                return stored;
            });
            RunSnapshot after = snapshot(run.id()).orElseThrow();
            if (run.status().ended()) {
                unit.show(new RunEvent.RunEnded(after.run(), after.procedure(), after.steps()));
            }
            unit.after(after);
            return run;
        });
    }

    /** A button press. A stale, repeated or out-of-turn press changes nothing and says why. */
    public Outcome press(Press press) {
        Outcome outcome = onActiveRun(press.runId(), "nothing in it waits for a press", (snapshot, unit) -> {
            Run run = snapshot.run();
            int index = snapshot.procedure().indexOf(press.stepId());
            if (index < 0) {
                return Outcome.refused("Run " + run.id() + " has no step '" + press.stepId() + "'.");
            }
            StepRecord record = snapshot.steps().get(index);
            Step step = snapshot.procedure().steps().get(index);
            List<Action> allowed = record.state().actions(step.kind());
            if (index != run.currentIndex() || !allowed.contains(press.action())) {
                // The loser of two presses on one message hears what the winner did.
                Optional<String> beaten = EarlierPress.beat(snapshot, record, press);
                if (beaten.isPresent()) {
                    return Outcome.refused(beaten.get());
                }
            }
            if (index != run.currentIndex()) {
                StepRecord current = snapshot.current();
                return Outcome.refused("Step '" + step.id() + "' is " + describe(record) + "; run " + run.id()
                        + " now waits on step " + (current.index() + 1) + " '" + current.stepId() + "' ("
                        + current.state().words() + "). Use that step's message.");
            }
            if (press.attempt() != record.attempt()) {
                return Outcome.refused("That button was for attempt " + press.attempt() + " of step '" + step.id()
                        + "', which is now at attempt " + record.attempt() + " (" + record.state().words()
                        + "). Use the newest message of the step.");
            }
            if (!allowed.contains(press.action())) {
                if (record.state() == StepState.EXECUTING) {
                    return Outcome.refused("Step '" + step.id() + "' is running (attempt " + record.attempt()
                            + ", started by " + record.actor() + "); wait for its result.");
                }
                return Outcome.refused("'" + press.action().word() + "' is not a button of step '" + step.id()
                        + "' while it is " + record.state().words() + "; press one of: "
                        + String.join(", ", allowed.stream().map(Action::word).toList()) + ".");
            }
            return apply(snapshot, step, record, press, true, unit);
        });
        if (!outcome.accepted()) {
            audit.press(press, outcome.message());
        }
        return outcome;
    }

    /** {@code /migrate abort}: ends the run at its current step, whatever that step's state. */
    public Outcome abort(String runId, Actor actor) {
        return onActiveRun(runId, "there is nothing to abort", (snapshot, unit) -> {
            StepRecord current = snapshot.current();
            if (current.state() == StepState.EXECUTING) {
                stepRunner.cancel(current);
            }
            Step step = snapshot.procedure().steps().get(current.index());
            return apply(snapshot, step, current, new Press(runId, step.id(), current.attempt(), Action.ABORT, actor),
                    false, unit);
        });
    }

    /**
     * {@code /migrate resume}: takes secrets again (they are held only in memory) and posts the current
     * step once more, e.g. after a restart or when its message was lost.
     */
    public Outcome resume(String runId, Actor actor, Map<String, String> newSecrets) {
        String nothingLeft = "there is nothing to resume. Start a new run with /migrate start";
        return onActiveRun(runId, nothingLeft, (snapshot, unit) -> {
            for (String name : newSecrets.keySet()) {
                Optional<Parameter> parameter = snapshot.procedure().parameter(name);
                if (parameter.isEmpty() || !parameter.get().isSecret()) {
                    return Outcome.refused("resume takes only the secret parameters of " + snapshot.procedure().id()
                            + " (" + String.join(", ", secretNames(snapshot.procedure())) + "), not '" + name + "'.");
                }
                if (newSecrets.get(name).isEmpty()) {
                    return Outcome.refused("Secret " + name + " is empty; give its value.");
                }
            }
            if (!newSecrets.isEmpty()) {
                secrets.computeIfAbsent(runId, id -> new ConcurrentHashMap<>()).putAll(newSecrets);
            }
            StepRecord current = snapshot.current();
            unit.show(stepChanged(snapshot, current));
            return Outcome.accepted("Run " + runId + " resumed by " + actor + " at step " + (current.index() + 1)
                    + "/" + snapshot.steps().size() + " '" + current.stepId() + "' (" + current.state().words() + ").");
        });
    }

    /** What a command does to a run that is still active, in a unit of work on the run. */
    @FunctionalInterface
    private interface Change {
        Outcome apply(RunSnapshot snapshot, RunTransaction.Unit unit);
    }

    /**
     * Runs {@code change} on an active run in a unit of work on it. A missing or ended run is refused, saying
     * {@code nothingLeft}.
     */
    private Outcome onActiveRun(String runId, String nothingLeft, Change change) {
        return units.on(runId, unit -> {
            Optional<RunSnapshot> found = snapshot(runId);
            if (found.isEmpty()) {
                return Outcome.refused("There is no run " + runId + ". /migrate status lists the active runs.");
            }
            RunSnapshot snapshot = found.get();
            if (snapshot.run().status().ended()) {
                return Outcome.refused("Run " + runId + " has " + (snapshot.run().status() == RunStatus.FINISHED
                        ? "finished" : "been aborted") + "; " + nothingLeft + ".");
            }
            return change.apply(snapshot, unit);
        });
    }

    public Optional<RunSnapshot> snapshot(String runId) {
        return runs.find(runId).map(run -> new RunSnapshot(run, procedureOf(run), runs.steps(runId)));
    }

    public List<Run> active() {
        return runs.active();
    }

    /** Secrets of a run's procedure that this process does not hold (they are lost on restart). */
    public List<String> missingSecrets(String runId) {
        return snapshot(runId).map(s -> secretNames(s.procedure()).stream()
                .filter(name -> s.run().parameters().containsKey(name) && !secretsOf(runId).containsKey(name))
                .toList()).orElse(List.of());
    }

    /**
     * After a restart: a step found executing is never run again by itself. It becomes "outcome unknown"
     * and offers Retry, Mark done and Abort; only a step declared idempotent is run again.
     */
    public void recover() {
        for (StepRecord record : runs.executing()) {
            boolean rerun = units.on(record.runId(), unit -> {
                RunSnapshot snapshot = snapshot(record.runId()).orElseThrow();
                Step step = snapshot.procedure().steps().get(record.index());
                boolean again = step.idempotent() && missingSecretsFor(snapshot, step).isEmpty();
                Instant now = clock.instant();
                StepRecord next = again
                        ? record.restarted(StepState.EXECUTING, record.attempt() + 1, StepTransitions.FERRY, now,
                                "Ferry restarted while attempt " + record.attempt() + " ran; running it again"
                                        + " because the step is idempotent")
                        : record.result(StepState.OUTCOME_UNKNOWN, now, null, record.output(), "Ferry stopped while"
                                + " attempt " + record.attempt() + " was running; it may or may not have completed."
                                + " Check the host, then Retry, Mark done or Abort.");
                RunEvent.StepChanged shown = stepChanged(snapshot, next);
                unit.write(() -> {
                    if (runs.transition(record, next)) {
                        audit.step(snapshot.run(), RunAudit.kindOf(next), StepTransitions.FERRY, next,
                                shown.target(), shown.script());
                    }
                    return null;
                });
                unit.show(shown);
                if (again) {
                    unit.after(snapshot(record.runId()).orElseThrow());
                    unit.execute(next);
                }
                return again;
            });
            log.info("Recovered step {} of run {}: {}", record.stepId(), record.runId(),
                    rerun ? "running again (idempotent)" : "outcome unknown");
        }
    }

    /**
     * Steps that wait for a person (they offer buttons: a press, an approval, a retry) and have waited longer
     * than {@code duration}, for reminders.
     */
    public List<WaitingStep> waitingLongerThan(Duration duration) {
        List<WaitingStep> waiting = new ArrayList<>();
        for (RunRepository.CurrentStep current : runs.currentStepsUnchangedSince(clock.instant().minus(duration))) {
            snapshot(current.record().runId()).ifPresent(snapshot -> {
                Step step = snapshot.procedure().steps().get(current.record().index());
                if (!current.record().state().actions(step.kind()).isEmpty()) {
                    waiting.add(new WaitingStep(snapshot.run(), step, current.record(), current.since()));
                }
            });
        }
        return waiting;
    }

    /**
     * Publishes a {@link RunEvent.StepReminder} for a step found by {@link #waitingLongerThan}, if it still waits
     * as it did then (same state and attempt). Changes nothing.
     *
     * @return false when the step moved on meanwhile and nobody needs reminding
     */
    public boolean remind(WaitingStep waiting, boolean escalate) {
        return units.on(waiting.run().id(), unit -> snapshot(waiting.run().id())
                .filter(s -> !s.run().status().ended() && s.run().currentIndex() == waiting.record().index())
                .map(s -> s.steps().get(waiting.record().index()))
                .filter(r -> r.state() == waiting.record().state() && r.attempt() == waiting.record().attempt())
                .map(r -> {
                    unit.show(new RunEvent.StepReminder(waiting.run(), waiting.step(), r, waiting.since(), escalate));
                    return true;
                })
                .orElse(false));
    }

    /**
     * Approval requests nobody decided within the expiry become "approval expired": committed, audited as
     * Ferry's, and shown, so the thread says so without waiting for someone to press. The scheduler's reminder
     * job calls this.
     *
     * @return how many requests expired
     */
    public int expireApprovals() {
        int expired = 0;
        for (StepRecord open : runs.inState(StepState.AWAITING_APPROVAL)) {
            boolean done = units.on(open.runId(), unit -> {
                Optional<StepRecord> next = transitions.expired(open, clock.instant());
                RunSnapshot snapshot = snapshot(open.runId()).orElse(null);
                if (next.isEmpty() || snapshot == null) {
                    return false;
                }
                RunEvent.StepChanged shown = stepChanged(snapshot, next.get());
                boolean won = unit.write(() -> {
                    if (!runs.transition(open, next.get())) {
                        return false;
                    }
                    audit.step(snapshot.run(), AuditEntry.Kind.APPROVAL_EXPIRED, StepTransitions.FERRY, next.get(),
                            shown.target(), shown.script());
                    return true;
                });
                if (won) {
                    unit.show(shown);
                }
                return won;
            });
            if (done) {
                expired++;
            }
        }
        return expired;
    }

    /** Waits until no step this process started is still running; for scripted console sessions and tests. */
    public void awaitIdle() throws InterruptedException {
        stepRunner.awaitIdle();
    }

    /** @param pressed whether a button press asked for this (it is then audited as a press) or a command */
    private Outcome apply(RunSnapshot snapshot, Step step, StepRecord record, Press press, boolean pressed,
                          RunTransaction.Unit unit) {
        Run run = snapshot.run();
        StepTransitions.Decision decision = transitions.decide(snapshot, step, record, press, clock.instant(),
                missingSecretsFor(snapshot, step));
        StepRecord next = decision.next();
        if (next == null) {
            return Outcome.refused(decision.refusal());
        }
        RunEvent.StepChanged shown = stepChanged(snapshot, next);
        boolean won = unit.write(() -> {
            if (!runs.transition(record, next)) {
                return false;
            }
            if (pressed && decision.refusal() == null) {
                audit.press(press, null);
            }
            audit.step(run, RunAudit.kindOf(press.action(), next), press.actor(), next, shown.target(), shown.script());
            if (press.action() == Action.APPROVE && next.state() == StepState.EXECUTING) {
                audit.step(run, AuditEntry.Kind.EXECUTION_STARTED, press.actor(), next, shown.target(), shown.script());
            }
            List<StepRecord> records = new ArrayList<>(snapshot.steps());
            records.set(record.index(), next);
            if (press.action() == Action.ABORT) {
                runs.updateRun(run.id(), RunStatus.ABORTED, record.index());
            } else if (next.state().terminal()) {
                advance(run, snapshot.procedure(), records, record.index(), unit);
            }
            Run after = runs.find(run.id()).orElseThrow();
            if (after.status().ended()) {
                audit.runEnded(after, press.actor());
            }
            return true;
        });
        if (!won) {
            StepRecord latest = runs.step(run.id(), record.index()).orElse(record);
            return Outcome.refused(EarlierPress.beat(snapshot(run.id()).orElse(snapshot), latest, press)
                    .orElse("Someone else pressed first: step '" + step.id() + "' is now " + describe(latest)
                            + ". Nothing was changed by your press."));
        }
        RunSnapshot after = snapshot(run.id()).orElseThrow();
        unit.showFirst(stepChanged(after, next));
        if (after.run().status().ended()) {
            unit.show(new RunEvent.RunEnded(after.run(), after.procedure(), after.steps()));
            unit.onCommit(() -> secrets.remove(run.id()));
        }
        unit.after(after);
        if (next.state() == StepState.EXECUTING) {
            unit.executeFirst(next);
        }
        if (decision.refusal() != null) {
            return Outcome.refused(decision.refusal());
        }
        return Outcome.accepted(press.actor() + " pressed " + press.action().label() + " on step "
                + (record.index() + 1) + " '" + step.id() + "' of run " + run.id() + ".");
    }

    /**
     * Moves the run past {@code fromIndex} (inside the caller's transaction): the next applicable step is
     * posted (a check starts running at once); steps that do not apply are shown as such; with none left
     * the run finishes.
     */
    private void advance(Run run, Procedure procedure, List<StepRecord> records, int fromIndex,
                         RunTransaction.Unit unit) {
        List<StepRecord> passed = new ArrayList<>();
        for (int i = fromIndex + 1; i < records.size(); i++) {
            StepRecord record = records.get(i);
            if (record.state() == StepState.NOT_APPLICABLE) {
                passed.add(record);
                continue;
            }
            Step step = procedure.steps().get(i);
            StepRecord posted = transitions.posted(run, procedure, step, record, clock.instant());
            runs.transition(record, posted);
            runs.updateRun(run.id(), RunStatus.ACTIVE, i);
            records.set(i, posted);
            Run current = runs.find(run.id()).orElseThrow();
            RunSnapshot view = new RunSnapshot(current, procedure, records);
            passed.forEach(p -> unit.show(stepChanged(view, p)));
            RunEvent.StepChanged shown = stepChanged(view, posted);
            unit.show(shown);
            if (posted.state() != StepState.WAITING) {
                Actor by = posted.state() == StepState.EXECUTING ? StepTransitions.FERRY : run.requester();
                audit.step(current, RunAudit.kindOf(posted), by, posted, shown.target(), shown.script());
            }
            if (posted.state() == StepState.EXECUTING) {
                unit.execute(posted);
            }
            return;
        }
        runs.updateRun(run.id(), RunStatus.FINISHED, records.size());
        Run ended = runs.find(run.id()).orElseThrow();
        RunSnapshot view = new RunSnapshot(ended, procedure, records);
        passed.forEach(p -> unit.show(stepChanged(view, p)));
    }

    /** Called by the step runner when a script ended (or could not run). */
    private void finishExecution(StepRecord executed, StepRecord result) {
        units.on(executed.runId(), unit -> {
            RunSnapshot snapshot = snapshot(executed.runId()).orElseThrow();
            RunEvent.StepChanged shown = stepChanged(snapshot, result);
            boolean won = unit.write(() -> {
                if (!runs.transition(executed, result)) {
                    return false;
                }
                Actor by = new Actor("ferry", "engine", result.actor() == null ? "Ferry" : result.actor());
                audit.step(snapshot.run(), AuditEntry.Kind.EXECUTION_ENDED, by, result, shown.target(), shown.script());
                if (result.state() == StepState.SUCCEEDED) {
                    List<StepRecord> records = new ArrayList<>(snapshot.steps());
                    records.set(result.index(), result);
                    advance(snapshot.run(), snapshot.procedure(), records, result.index(), unit);
                    Run after = runs.find(snapshot.run().id()).orElseThrow();
                    if (after.status().ended()) {
                        audit.runEnded(after, StepTransitions.FERRY);
                    }
                }
                return true;
            });
            if (!won) {
                log.info("Result of step {} attempt {} of run {} arrived after the step changed; kept in the log only",
                        executed.stepId(), executed.attempt(), executed.runId());
                return null;
            }
            RunSnapshot after = snapshot(executed.runId()).orElseThrow();
            unit.showFirst(stepChanged(after, result));
            if (after.run().status().ended()) {
                unit.show(new RunEvent.RunEnded(after.run(), after.procedure(), after.steps()));
                unit.onCommit(() -> secrets.remove(executed.runId()));
            }
            unit.after(after);
            return null;
        });
    }

    RunEvent.StepChanged stepChanged(RunSnapshot snapshot, StepRecord record) {
        Step step = snapshot.procedure().steps().get(record.index());
        String target = step.target() == null ? null : snapshot.run().parameters().get(step.target());
        String script = step.script() == null ? null
                : stepRunner.renderer().render(snapshot.procedure(), step, snapshot.run().parameters()).display();
        List<Action> actions = snapshot.run().status().ended() ? List.of() : record.state().actions(step.kind());
        return new RunEvent.StepChanged(snapshot.run(), step, snapshot.steps().size(), record, target, script, actions);
    }

    private void publish(List<RunEvent> events) {
        for (RunEvent event : events) {
            for (RunEventListener listener : listeners) {
                try {
                    listener.on(event);
                } catch (RuntimeException e) {
                    log.warn("A chat adapter could not show an event of run {}: {}", event.run().id(), e.toString());
                }
            }
        }
    }

    private Procedure procedureOf(Run run) {
        return procedures.computeIfAbsent(run.id(), id -> ProcedureLoader.parse(
                Path.of(run.procedureId() + ".yml"),
                runs.procedureText(id).orElseThrow()));
    }

    private Map<String, String> secretsOf(String runId) {
        return secrets.getOrDefault(runId, Map.of());
    }

    private List<String> missingSecretsFor(RunSnapshot snapshot, Step step) {
        if (step.script() == null) {
            return List.of();
        }
        Map<String, String> held = secretsOf(snapshot.run().id());
        // A secret counts as missing only if it was given when the run started (an optional one may be unset).
        return secretNames(snapshot.procedure()).stream()
                .filter(name -> snapshot.run().parameters().containsKey(name) && !held.containsKey(name))
                .filter(name -> ScriptRenderer.mentions(step.script(), name))
                .toList();
    }

    private static List<String> secretNames(Procedure procedure) {
        return procedure.parameters().stream().filter(Parameter::isSecret).map(Parameter::name).toList();
    }

    private static String describe(StepRecord record) {
        return record.state().words() + (record.actor() == null ? "" : " (" + record.actor() + ")");
    }

    /** Values the scripts of a run see: the stored public values with held secrets laid over them. */
    Map<String, String> valuesOf(Run run) {
        Map<String, String> values = new LinkedHashMap<>(run.parameters());
        values.putAll(secretsOf(run.id()));
        return values;
    }
}
