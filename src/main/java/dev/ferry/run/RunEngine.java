package dev.ferry.run;

import dev.ferry.access.Actor;
import dev.ferry.access.AuditEntry;
import dev.ferry.access.AuditTrail;
import dev.ferry.procedure.BoundParameters;
import dev.ferry.procedure.Parameter;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.procedure.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The state machine of a run (DESIGN.md, "The flow of one run"). Every transition is one
 * {@link RunTransaction}: committed before the event that shows it is published. Presses on one run are
 * serialised there, and the database write is conditional on the state and attempt the press was made for,
 * so of two presses exactly one wins.
 *
 * <p>This class holds the commands people give (start, press, abort, resume), the step runner's report of a
 * result, and read access. Secrets live in {@link RunSecrets}, each run's procedure in {@link RunProcedures};
 * recovery after a restart, waiting steps and approval expiry in classes of their own, reached through here.
 */
public class RunEngine {

    private static final Logger log = LoggerFactory.getLogger(RunEngine.class);

    private final RunRepository runs;
    private final ProcedureCatalog catalog;
    private final StepRunner stepRunner;
    private final StepTransitions transitions;
    private final RunAudit audit;
    private final Clock clock;
    private final List<RunEventListener> listeners = new CopyOnWriteArrayList<>();
    private final RunSecrets secrets = new RunSecrets();
    private final RunProcedures procedures;
    private final StepEvents events;
    private final RunTransaction units;
    private final RunRecovery recovery;
    private final WaitingSteps waiting;
    private final ApprovalExpiry expiry;

    public RunEngine(RunRepository runs, ProcedureCatalog catalog, StepRunner stepRunner, ApprovalRule approvals,
                     AuditTrail auditTrail, TransactionTemplate tx, Clock clock) {
        this.runs = runs;
        this.catalog = catalog;
        this.stepRunner = stepRunner;
        this.transitions = new StepTransitions(approvals);
        this.audit = new RunAudit(auditTrail, clock);
        this.clock = clock;
        this.procedures = new RunProcedures(runs);
        this.events = new StepEvents(stepRunner.renderer());
        this.units = new RunTransaction(tx, this::publish,
                (after, executing) -> stepRunner.submit(after, executing, secrets.valuesOf(after.run())));
        this.recovery = new RunRecovery(runs, procedures, secrets, units, events, audit, clock);
        this.waiting = new WaitingSteps(runs, procedures, units, clock);
        this.expiry = new ApprovalExpiry(runs, procedures, units, transitions, events, audit, clock);
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
            List<StepRecord> records = new ArrayList<>();
            AtomicReference<Run> created = new AtomicReference<>();
            Run run = unit.write(() -> {
                String id = runs.nextRunId();
                for (int i = 0; i < procedure.steps().size(); i++) {
                    Step step = procedure.steps().get(i);
                    boolean applies = step.when().test(parameters.values());
                    records.add(StepRecord.initial(id, i, step.id(),
                            applies ? StepState.PENDING : StepState.NOT_APPLICABLE,
                            applies ? null : "condition " + step.when().text() + " is false for this run"));
                }
                created.set(new Run(id, procedure.id(), procedure.version(), parameters.publicValues(),
                        RunStatus.ACTIVE, -1, requester, channel, now, now));
                runs.insert(created.get(), text, records);
                procedures.remember(id, procedure);
                secrets.hold(id, parameters);
                audit.runStarted(created.get(), procedure);
                Run stored = advance(created.get(), procedure, records, -1, unit);
                if (stored.status().ended()) {
                    audit.runEnded(stored, requester);
                }
                return stored;
            });
            RunSnapshot after = new RunSnapshot(run, procedure, List.copyOf(records));
            unit.showFirst(new RunEvent.RunStarted(created.get(), procedure, after));
            if (run.status().ended()) {
                unit.show(new RunEvent.RunEnded(after.run(), after.procedure(), after.steps()));
            }
            unit.after(after);
            return run;
        });
    }

    /** A button press. A stale, repeated or out-of-turn press changes nothing and says why. */
    public RunOutcome press(Press press) {
        return onActiveRun(press.runId(), Refusal.Asked.PRESS, (snapshot, unit) -> {
            Run run = snapshot.run();
            int index = snapshot.procedure().indexOf(press.stepId());
            if (index < 0) {
                return new Refusal.NoSuchStep(run.id(), press.stepId());
            }
            StepRecord record = snapshot.steps().get(index);
            Step step = snapshot.procedure().steps().get(index);
            List<Action> allowed = record.state().actions(step.kind());
            if (index != run.currentIndex() || !allowed.contains(press.action())) {
                // The loser of two presses on one message hears what the winner did.
                Optional<Refusal.DecidedFirst> beaten = EarlierPress.beat(snapshot, record, press);
                if (beaten.isPresent()) {
                    return beaten.get();
                }
            }
            if (index != run.currentIndex()) {
                return new Refusal.NotCurrentStep(run.id(), record, snapshot.current());
            }
            if (press.attempt() != record.attempt()) {
                return new Refusal.StaleAttempt(press.attempt(), record);
            }
            if (!allowed.contains(press.action())) {
                if (record.state() == StepState.EXECUTING) {
                    return new Refusal.Running(record);
                }
                return new Refusal.NotAButtonNow(press.action(), record, allowed);
            }
            return apply(snapshot, step, record, press, true, unit);
        });
    }

    /** {@code /migrate abort}: ends the run at its current step, whatever that step's state. */
    public RunOutcome abort(String runId, Actor actor) {
        return onActiveRun(runId, Refusal.Asked.ABORT, (snapshot, unit) -> {
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
    public RunOutcome resume(String runId, Actor actor, Map<String, String> newSecrets) {
        return onActiveRun(runId, Refusal.Asked.RESUME, (snapshot, unit) -> {
            for (String name : newSecrets.keySet()) {
                Optional<Parameter> parameter = snapshot.procedure().parameter(name);
                if (parameter.isEmpty() || !parameter.get().isSecret()) {
                    return new Refusal.NotASecret(snapshot.procedure().id(), RunSecrets.names(snapshot.procedure()),
                            name);
                }
                if (newSecrets.get(name).isEmpty()) {
                    return new Refusal.EmptySecret(name);
                }
            }
            secrets.add(runId, newSecrets);
            StepRecord current = snapshot.current();
            unit.show(events.changed(snapshot, current));
            return new RunOutcome.Resumed(runId, actor, current, snapshot.steps().size());
        });
    }

    /** What a command does to a run that is still active, in a unit of work on the run. */
    @FunctionalInterface
    private interface Change {
        RunOutcome apply(RunSnapshot snapshot, RunTransaction.Unit unit);
    }

    /**
     * Runs {@code change} on an active run in a unit of work on it. A missing or ended run is refused.
     */
    private RunOutcome onActiveRun(String runId, Refusal.Asked asked, Change change) {
        return units.on(runId, unit -> {
            Optional<RunSnapshot> found = snapshot(runId);
            if (found.isEmpty()) {
                return new Refusal.NoSuchRun(runId);
            }
            RunSnapshot snapshot = found.get();
            if (snapshot.run().status().ended()) {
                return new Refusal.RunEnded(runId, snapshot.run().status(), asked);
            }
            return change.apply(snapshot, unit);
        });
    }

    /** A run as committed, with its procedure and every step record. */
    public Optional<RunSnapshot> snapshot(String runId) {
        return procedures.snapshot(runId);
    }

    public List<Run> active() {
        return runs.active();
    }

    /** Secrets of a run's procedure that this process does not hold (they are lost on restart). */
    public List<String> missingSecrets(String runId) {
        return snapshot(runId).map(secrets::missing).orElse(List.of());
    }

    /** After a restart, before any adapter takes commands: steps found executing ({@link RunRecovery}). */
    public void recover() {
        recovery.recover();
    }

    /**
     * Steps that wait for a person (they offer buttons: a press, an approval, a retry) and have waited longer
     * than {@code duration}, for reminders ({@link WaitingSteps}).
     */
    public List<WaitingStep> waitingLongerThan(Duration duration) {
        return waiting.longerThan(duration);
    }

    /**
     * Publishes a {@link RunEvent.StepReminder} for a step found by {@link #waitingLongerThan}, if it still waits
     * as it did then (same state and attempt). Changes nothing.
     *
     * @return false when the step moved on meanwhile and nobody needs reminding
     */
    public boolean remind(WaitingStep step, boolean escalate) {
        return waiting.remind(step, escalate);
    }

    /**
     * Approval requests nobody decided within the expiry become "approval expired" ({@link ApprovalExpiry}).
     * The scheduler's reminder job calls this.
     *
     * @return how many requests expired
     */
    public int expireApprovals() {
        return expiry.expire();
    }

    /** Waits until no step this process started is still running; for scripted console sessions and tests. */
    public void awaitIdle() throws InterruptedException {
        stepRunner.awaitIdle();
    }

    /** @param pressed whether a button press asked for this (it is then audited as a press) or a command */
    private RunOutcome apply(RunSnapshot snapshot, Step step, StepRecord record, Press press, boolean pressed,
                             RunTransaction.Unit unit) {
        Run run = snapshot.run();
        StepTransitions.Decision decision = transitions.decide(snapshot, step, record, press, clock.instant(),
                secrets.missingFor(snapshot, step));
        StepRecord next = decision.next();
        if (next == null) {
            return decision.refusal();
        }
        RunEvent.StepChanged shown = events.changed(snapshot, next);
        List<StepRecord> records = new ArrayList<>(snapshot.steps());
        records.set(record.index(), next);
        // The run as the write leaves it, built from what was written; null when another press won.
        Run written = unit.write(() -> {
            if (!runs.transition(record, next)) {
                return null;
            }
            if (pressed && decision.refusal() == null) {
                audit.press(press);
            }
            audit.step(run, RunAudit.kindOf(press.action(), next), press.actor(), next, shown.target(), shown.script());
            if (press.action() == Action.APPROVE && next.state() == StepState.EXECUTING) {
                audit.step(run, AuditEntry.Kind.EXECUTION_STARTED, press.actor(), next, shown.target(), shown.script());
            }
            Run after = run;
            if (press.action() == Action.ABORT) {
                after = runs.updateRun(run, RunStatus.ABORTED, record.index());
            } else if (next.state().terminal()) {
                after = advance(run, snapshot.procedure(), records, record.index(), unit);
            }
            if (after.status().ended()) {
                audit.runEnded(after, press.actor());
            }
            return after;
        });
        if (written == null) {
            StepRecord latest = runs.step(run.id(), record.index()).orElse(record);
            return EarlierPress.beat(snapshot(run.id()).orElse(snapshot), latest, press)
                    .<Refusal>map(beaten -> beaten).orElse(new Refusal.PressedFirst(step.id(), latest));
        }
        RunSnapshot after = new RunSnapshot(written, snapshot.procedure(), List.copyOf(records));
        unit.showFirst(events.changed(after, next));
        if (after.run().status().ended()) {
            unit.show(new RunEvent.RunEnded(after.run(), after.procedure(), after.steps()));
            unit.onCommit(() -> secrets.forget(run.id()));
        }
        unit.after(after);
        if (next.state() == StepState.EXECUTING) {
            unit.executeFirst(next);
        }
        if (decision.refusal() != null) {
            return decision.refusal();
        }
        return new RunOutcome.Pressed(press, record.index());
    }

    /**
     * Moves the run past {@code fromIndex} (inside the caller's transaction): the next applicable step is
     * posted (a check starts running at once); steps that do not apply are shown as such; with none left
     * the run finishes.
     *
     * @return the run as this leaves it
     */
    private Run advance(Run run, Procedure procedure, List<StepRecord> records, int fromIndex,
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
            Run current = runs.updateRun(run, RunStatus.ACTIVE, i);
            records.set(i, posted);
            RunSnapshot view = new RunSnapshot(current, procedure, records);
            passed.forEach(p -> unit.show(events.changed(view, p)));
            RunEvent.StepChanged shown = events.changed(view, posted);
            unit.show(shown);
            if (posted.state() != StepState.WAITING) {
                Actor by = posted.state() == StepState.EXECUTING ? StepTransitions.FERRY : run.requester();
                audit.step(current, RunAudit.kindOf(posted), by, posted, shown.target(), shown.script());
            }
            if (posted.state() == StepState.EXECUTING) {
                unit.execute(posted);
            }
            return current;
        }
        Run ended = runs.updateRun(run, RunStatus.FINISHED, records.size());
        RunSnapshot view = new RunSnapshot(ended, procedure, records);
        passed.forEach(p -> unit.show(events.changed(view, p)));
        return ended;
    }

    /** Called by the step runner when a script ended (or could not run). */
    private void finishExecution(StepRecord executed, StepRecord result) {
        units.on(executed.runId(), unit -> {
            RunSnapshot snapshot = snapshot(executed.runId()).orElseThrow();
            RunEvent.StepChanged shown = events.changed(snapshot, result);
            List<StepRecord> records = new ArrayList<>(snapshot.steps());
            records.set(result.index(), result);
            // The run as the write leaves it, built from what was written; null when the step changed meanwhile.
            Run written = unit.write(() -> {
                if (!runs.transition(executed, result)) {
                    return null;
                }
                Actor by = new Actor("ferry", "engine", result.actor() == null ? "Ferry" : result.actor());
                audit.step(snapshot.run(), AuditEntry.Kind.EXECUTION_ENDED, by, result, shown.target(), shown.script());
                if (result.state() != StepState.SUCCEEDED) {
                    return snapshot.run();
                }
                Run after = advance(snapshot.run(), snapshot.procedure(), records, result.index(), unit);
                if (after.status().ended()) {
                    audit.runEnded(after, StepTransitions.FERRY);
                }
                return after;
            });
            if (written == null) {
                log.info("Result of step {} attempt {} of run {} arrived after the step changed; kept in the log only",
                        executed.stepId(), executed.attempt(), executed.runId());
                return null;
            }
            RunSnapshot after = new RunSnapshot(written, snapshot.procedure(), List.copyOf(records));
            unit.showFirst(events.changed(after, result));
            if (after.run().status().ended()) {
                unit.show(new RunEvent.RunEnded(after.run(), after.procedure(), after.steps()));
                unit.onCommit(() -> secrets.forget(executed.runId()));
            }
            unit.after(after);
            return null;
        });
    }

    private void publish(List<RunEvent> shown) {
        for (RunEvent event : shown) {
            for (RunEventListener listener : listeners) {
                try {
                    listener.on(event);
                } catch (RuntimeException e) {
                    log.warn("A chat adapter could not show an event of run {}: {}", event.run().id(), e.toString());
                }
            }
        }
    }
}
