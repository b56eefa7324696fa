package dev.ferry.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryTest;
import dev.ferry.access.Actor;
import dev.ferry.chat.Outcome;
import dev.ferry.chat.RefusalWords;
import dev.ferry.connector.ScriptedOutcome;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.procedure.BoundParameters;
import dev.ferry.procedure.ParameterBinder;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@FerryTest
class RunEngineTest {

    private static final Actor ALICE = new Actor("console", "alice", "alice");
    private static final Actor BOB = new Actor("console", "bob", "bob");
    private static final String SECRET = "pfx-S3cret!";

    @Autowired
    RunEngine engine;
    @Autowired
    RunRepository runs;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    SimulatedConnector hosts;
    @Autowired
    JdbcClient jdbc;

    private final RecordingListener events = new RecordingListener();

    @BeforeEach
    void listen() {
        hosts.reset();
        engine.subscribe(events);
    }

    @AfterEach
    void stopListening() throws InterruptedException {
        engine.awaitIdle();
        engine.unsubscribe(events);
    }

    @Test
    void walksARunToItsEndAndCommitsEveryStepBeforeShowingIt() throws Exception {
        Run run = start("test-move", Map.of("oldServer", "spe-ih-01", "newServer", "spe-ih-02", "pfxPassword", SECRET));

        assertThat(state(run, 0)).isEqualTo(StepState.NOT_APPLICABLE);
        assertThat(state(run, 1)).isEqualTo(StepState.WAITING);
        assertThat(press(run, "stop-service", 1, Action.RUN, ALICE).accepted()).isTrue();
        engine.awaitIdle();

        // The check after the script runs by itself, and the run then waits on the manual step.
        assertThat(state(run, 1)).isEqualTo(StepState.SUCCEEDED);
        assertThat(state(run, 2)).isEqualTo(StepState.SUCCEEDED);
        assertThat(state(run, 3)).isEqualTo(StepState.WAITING);
        assertThat(hosts.executions()).extracting(SimulatedConnector.Execution::host)
                .containsExactly("spe-ih-01", "spe-ih-01");
        assertThat(hosts.executions().get(0).script()).startsWith("$pfxPassword = '" + SECRET + "'\n")
                .contains("Stop-Service -Name 'TestRole'");

        assertThat(press(run, "look", 1, Action.DONE, BOB).accepted()).isTrue();
        RunSnapshot done = engine.snapshot(run.id()).orElseThrow();
        assertThat(done.run().status()).isEqualTo(RunStatus.FINISHED);
        assertThat(done.steps().get(3).note()).isEqualTo("by bob");
        assertThat(events.of(run.id()).get(events.of(run.id()).size() - 1)).isInstanceOf(RunEvent.RunEnded.class);
    }

    @Test
    void everyEventShowsStateThatIsAlreadyCommitted() throws Exception {
        List<String> mismatches = new ArrayList<>();
        RunEventListener checker = event -> {
            if (event instanceof RunEvent.StepChanged changed) {
                StepState stored = runs.step(changed.run().id(), changed.record().index()).orElseThrow().state();
                StepState shown = changed.record().state();
                // The stored state may have moved on already (a check finishes fast), never lag behind.
                if (stored != shown && !shown.equals(StepState.EXECUTING) && !shown.equals(StepState.WAITING)) {
                    mismatches.add(changed.step().id() + " shown " + shown + " stored " + stored);
                }
                if (stored == StepState.PENDING) {
                    mismatches.add(changed.step().id() + " shown before it was stored");
                }
            }
        };
        engine.subscribe(checker);
        try {
            Run run = start("test-move", Map.of("oldServer", "spe-ih-01", "newServer", "spe-ih-02", "pfxPassword", "x"));
            press(run, "stop-service", 1, Action.RUN, ALICE);
            engine.awaitIdle();
            press(run, "look", 1, Action.DONE, ALICE);
        } finally {
            engine.unsubscribe(checker);
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyEventCarriesTheRunAsItsChangeCommittedItSoNoAdapterReadsItBack() throws Exception {
        List<String> mismatches = new CopyOnWriteArrayList<>();
        List<String> checked = new CopyOnWriteArrayList<>();
        RunEventListener checker = event -> {
            RunSnapshot carried = event instanceof RunEvent.RunStarted started ? started.started()
                    : event instanceof RunEvent.StepChanged changed ? changed.after()
                    : event instanceof RunEvent.RunEnded ended ? ended.ended() : null;
            if (carried == null) {
                return;
            }
            // Events are published under the run's lock, right after the commit: nothing has changed since.
            String stored = summary(engine.snapshot(event.run().id()).orElseThrow());
            checked.add(event.getClass().getSimpleName());
            if (!summary(carried).equals(stored)) {
                mismatches.add(event.getClass().getSimpleName() + " carried " + summary(carried) + ", stored " + stored);
            }
        };
        engine.subscribe(checker);
        try {
            Run run = start("test-move", Map.of("oldServer", "spe-ih-01", "newServer", "spe-ih-02", "pfxPassword", "x"));
            press(run, "stop-service", 1, Action.RUN, ALICE);
            engine.awaitIdle();
            press(run, "look", 1, Action.DONE, ALICE);
            Run aborted = start("test-move", Map.of("oldServer", "spe-ih-01", "newServer", "spe-ih-02",
                    "pfxPassword", "x"));
            engine.abort(aborted.id(), BOB);
        } finally {
            engine.unsubscribe(checker);
        }

        assertThat(mismatches).isEmpty();
        assertThat(checked).contains("RunStarted", "StepChanged", "RunEnded");
        assertThat(checked).filteredOn("RunEnded"::equals).hasSize(2);
    }

    /** What a run's header shows of it: status, current step, and each step's state, attempt and note. */
    private static String summary(RunSnapshot snapshot) {
        return snapshot.run().status() + " at " + snapshot.run().currentIndex() + " " + snapshot.steps().stream()
                .map(r -> r.stepId() + "=" + r.state() + "/" + r.attempt() + "/" + r.note() + "/" + r.actor())
                .toList();
    }

    @Test
    void stalePressesChangeNothingAndSayWhy() throws Exception {
        Run run = start("test-move", Map.of("oldServer", "spe-ih-01", "newServer", "spe-ih-02", "pfxPassword", "x"));

        Outcome wrongButton = press(run, "stop-service", 1, Action.DONE, ALICE);
        assertThat(wrongButton.accepted()).isFalse();
        assertThat(wrongButton.message()).contains("'done' is not a button", "run, skip, abort");

        Outcome notCurrent = press(run, "look", 1, Action.DONE, ALICE);
        assertThat(notCurrent.accepted()).isFalse();
        assertThat(notCurrent.message()).contains("'look' is pending", "waits on step 2 'stop-service'");

        Outcome oldAttempt = press(run, "stop-service", 0, Action.RUN, ALICE);
        assertThat(oldAttempt.message()).contains("attempt 0", "now at attempt 1");

        assertThat(press(run, "no-such-step", 1, Action.RUN, ALICE).message()).contains("has no step 'no-such-step'");
        assertThat(RefusalWords.of(engine.press(new Press("R999999", "look", 1, Action.DONE, ALICE))).message())
                .contains("There is no run R999999");
        assertThat(hosts.executions()).isEmpty();
        assertThat(state(run, 1)).isEqualTo(StepState.WAITING);

        assertThat(press(run, "stop-service", 1, Action.SKIP, ALICE).accepted()).isTrue();
        engine.awaitIdle();
        Outcome repeated = press(run, "stop-service", 1, Action.SKIP, ALICE);
        assertThat(repeated.accepted()).isFalse();
        assertThat(repeated.message()).contains("alice already pressed Skip on step 2 'stop-service'",
                "nothing was changed by your press", "The run now waits on step 4 'look' (waiting).");

        press(run, "look", 1, Action.DONE, ALICE);
        Outcome afterEnd = press(run, "look", 1, Action.DONE, BOB);
        assertThat(afterEnd.accepted()).isFalse();
        assertThat(afterEnd.message()).contains("has finished; nothing in it waits for a press");
    }

    @Test
    void ofTwoPressesAtOnceExactlyOneWins() throws Exception {
        ExecutorService pressers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                hosts.reset();
                // spe-ih-02 answers at once (spe-ih-01 streams its demo output slowly).
                Run run = start("test-move", Map.of("oldServer", "spe-ih-02", "newServer", "spe-ih-01",
                        "pfxPassword", "x"));
                CyclicBarrier together = new CyclicBarrier(2);
                Callable<Outcome> alice = () -> {
                    together.await();
                    return press(run, "stop-service", 1, Action.RUN, ALICE);
                };
                Callable<Outcome> bob = () -> {
                    together.await();
                    return press(run, "stop-service", 1, Action.RUN, BOB);
                };
                Future<Outcome> first = pressers.submit(alice);
                Future<Outcome> second = pressers.submit(bob);
                List<Outcome> outcomes = List.of(first.get(5, TimeUnit.SECONDS), second.get(5, TimeUnit.SECONDS));
                engine.awaitIdle();

                assertThat(outcomes).filteredOn(Outcome::accepted).hasSize(1);
                assertThat(outcomes).filteredOn(o -> !o.accepted()).singleElement()
                        .extracting(Outcome::message).asString()
                        .containsAnyOf("is running", "Someone else pressed first", "is succeeded");
                assertThat(hosts.executions()).filteredOn(e -> e.script().contains("Stop-Service")).hasSize(1);
            }
        } finally {
            pressers.shutdownNow();
        }
    }

    @Test
    void theDatabaseWriteItselfLetsOnlyOneOfTwoEqualTransitionsThrough() {
        Run run = start("test-move", Map.of("oldServer", "spe-ih-01", "newServer", "spe-ih-02", "pfxPassword", "x"));
        StepRecord waiting = runs.step(run.id(), 1).orElseThrow();
        StepRecord byAlice = waiting.with(StepState.SKIPPED, ALICE, "by alice");
        StepRecord byBob = waiting.with(StepState.DONE, BOB, "by bob");

        assertThat(runs.transition(waiting, byAlice)).isTrue();
        assertThat(runs.transition(waiting, byBob)).isFalse();
        assertThat(runs.step(run.id(), 1).orElseThrow().actor()).isEqualTo("alice");
    }

    @Test
    void aFailedScriptOffersRetryAndTheRetryIsANewAttempt() throws Exception {
        hosts.program("spe-ih-01", ScriptedOutcome.failure("Stop-Service", 5, "Access is denied."));
        Run run = start("test-move", Map.of("oldServer", "spe-ih-01", "newServer", "spe-ih-02", "pfxPassword", "x"));
        press(run, "stop-service", 1, Action.RUN, ALICE);
        engine.awaitIdle();

        StepRecord failed = runs.step(run.id(), 1).orElseThrow();
        assertThat(failed.state()).isEqualTo(StepState.FAILED);
        assertThat(failed.exitCode()).isEqualTo(5);
        assertThat(failed.note()).contains("exit code 5", "Access is denied.");
        assertThat(events.changes(run.id(), "stop-service").get(events.changes(run.id(), "stop-service").size() - 1)
                .actions()).containsExactly(Action.RETRY, Action.MARK_DONE, Action.ABORT);

        hosts.reset();
        assertThat(press(run, "stop-service", 1, Action.RETRY, BOB).accepted()).isTrue();
        engine.awaitIdle();
        StepRecord retried = runs.step(run.id(), 1).orElseThrow();
        assertThat(retried.state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(retried.attempt()).isEqualTo(2);
        // A button still showing attempt 1 is stale now.
        assertThat(press(run, "stop-service", 1, Action.RETRY, ALICE).accepted()).isFalse();
    }

    @Test
    void aScriptThatRunsPastItsTimeoutIsStoppedAndReported() throws Exception {
        hosts.program("spe-ih-01", ScriptedOutcome.hang("Stop-Service"));
        Run run = start("test-move", Map.of("oldServer", "spe-ih-01", "newServer", "spe-ih-02", "pfxPassword", "x"));
        press(run, "stop-service", 1, Action.RUN, ALICE);
        engine.awaitIdle();

        StepRecord timedOut = runs.step(run.id(), 1).orElseThrow();
        assertThat(timedOut.state()).isEqualTo(StepState.TIMED_OUT);
        assertThat(timedOut.note()).contains("timeout of 2 s");
        assertThat(press(run, "stop-service", 1, Action.MARK_DONE, BOB).accepted()).isTrue();
        engine.awaitIdle();
        assertThat(runs.step(run.id(), 1).orElseThrow().note()).isEqualTo("by bob after it was timed out");
    }

    @Test
    void abortDuringAScriptEndsTheRunAndKeepsTheLateResultOut() throws Exception {
        hosts.program("spe-ih-01", ScriptedOutcome.hang("Stop-Service"));
        Run run = start("test-move", Map.of("oldServer", "spe-ih-01", "newServer", "spe-ih-02", "pfxPassword", "x"));
        press(run, "stop-service", 1, Action.RUN, ALICE);

        Outcome aborted = RefusalWords.of(engine.abort(run.id(), BOB));
        engine.awaitIdle();

        assertThat(aborted.accepted()).isTrue();
        RunSnapshot snapshot = engine.snapshot(run.id()).orElseThrow();
        assertThat(snapshot.run().status()).isEqualTo(RunStatus.ABORTED);
        assertThat(snapshot.steps().get(1).state()).isEqualTo(StepState.ABORTED);
        assertThat(snapshot.steps().get(1).note()).contains("while the script was running");
        assertThat(RefusalWords.of(engine.abort(run.id(), BOB)).message()).contains("has been aborted; there is nothing to abort");
    }

    @Test
    void secretsAreScrubbedFromOutputAndNeverStored() throws Exception {
        hosts.program("spe-ih-01", ScriptedOutcome.slowOutput("Stop-Service",
                List.of("the password is " + SECRET + ", really"), java.time.Duration.ZERO));
        Run run = start("test-move", Map.of("oldServer", "spe-ih-01", "newServer", "spe-ih-02", "pfxPassword", SECRET));
        press(run, "stop-service", 1, Action.RUN, ALICE);
        engine.awaitIdle();

        assertThat(runs.step(run.id(), 1).orElseThrow().output()).contains("the password is ********, really")
                .doesNotContain(SECRET);
        assertThat(events.of(run.id())).filteredOn(e -> e instanceof RunEvent.StepOutput o
                        && o.step().id().equals("stop-service"))
                .extracting(e -> ((RunEvent.StepOutput) e).line())
                .containsExactly("the password is ********, really");
        assertThat(events.of(run.id())).allSatisfy(e -> assertThat(e.toString()).doesNotContain(SECRET));
        for (String table : List.of("run", "step_record")) {
            List<String> rows = jdbc.sql("SELECT * FROM " + table).query((rs, n) -> {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    row.append(rs.getString(c)).append('|');
                }
                return row.toString();
            }).list();
            assertThat(rows).noneMatch(row -> row.contains(SECRET));
        }
    }

    @Test
    void aStepFoundExecutingAfterACrashIsNotRunAgainUnlessIdempotent() throws Exception {
        Run run = start("test-idempotent", Map.of("server", "spe-ih-01"));
        // As if Ferry committed "executing" and then died: the row says executing, no worker runs it.
        StepRecord waiting = runs.step(run.id(), 0).orElseThrow();
        runs.transition(waiting, new StepRecord(run.id(), 0, "update-lists", StepState.EXECUTING, 1, "alice", "console:alice",
                java.time.Instant.now(), null, null, null, null));

        engine.recover();
        engine.awaitIdle();

        StepRecord rerun = runs.step(run.id(), 0).orElseThrow();
        assertThat(rerun.state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(rerun.attempt()).isEqualTo(2);
        assertThat(hosts.executions()).extracting(SimulatedConnector.Execution::script)
                .containsExactly("Update-AddressList -Identity 'All Contacts'");

        StepRecord second = runs.step(run.id(), 1).orElseThrow();
        runs.transition(second, new StepRecord(run.id(), 1, "move-things", StepState.EXECUTING, 1, "alice", "console:alice",
                java.time.Instant.now(), null, null, null, null));
        engine.recover();
        engine.awaitIdle();

        StepRecord unknown = runs.step(run.id(), 1).orElseThrow();
        assertThat(unknown.state()).isEqualTo(StepState.OUTCOME_UNKNOWN);
        assertThat(unknown.note()).contains("may or may not have completed");
        assertThat(hosts.executions()).hasSize(1);
        assertThat(events.changes(run.id(), "move-things").get(events.changes(run.id(), "move-things").size() - 1)
                .actions()).containsExactly(Action.RETRY, Action.MARK_DONE, Action.ABORT);
    }

    @Test
    void aStepWhoseConditionHoldsIsPostedInsteadOfPassedOver() {
        Procedure onlyConditional = catalog.find("test-move").orElseThrow();
        assertThat(onlyConditional.steps().get(0).when().isAlways()).isFalse();
        Run run = start("test-move", Map.of("oldServer", "spe-ih-01", "newServer", "spe-ih-02", "pfxPassword", "x",
                "mfaEnabled", "true"));
        assertThat(state(run, 0)).isEqualTo(StepState.WAITING);
        assertThat(events.of(run.id()).get(0)).isInstanceOf(RunEvent.RunStarted.class);
    }

    private Run start(String procedureId, Map<String, String> raw) {
        Procedure procedure = catalog.find(procedureId).orElseThrow();
        BoundParameters bound = new ParameterBinder(name -> true).bind(procedure, raw);
        return engine.start(procedure, bound, ALICE, "console");
    }

    private Outcome press(Run run, String stepId, int attempt, Action action, Actor actor) {
        return RefusalWords.of(engine.press(new Press(run.id(), stepId, attempt, action, actor)));
    }

    private StepState state(Run run, int index) {
        return runs.step(run.id(), index).orElseThrow().state();
    }
}
