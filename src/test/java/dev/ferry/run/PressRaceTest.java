package dev.ferry.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryTest;
import dev.ferry.access.Actor;
import dev.ferry.access.AuditEntry;
import dev.ferry.access.AuditEntry.Kind;
import dev.ferry.access.AuditTrail;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Outcome;
import dev.ferry.chat.RefusalWords;
import dev.ferry.chat.Reply;
import dev.ferry.connector.Connectors;
import dev.ferry.connector.HostInventory;
import dev.ferry.connector.ScriptedOutcome;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.procedure.ProcedureCatalog;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Of two presses on one step message, the second hears who pressed what first and that its own press changed
 * nothing, not which buttons the step has now. Whichever way the race is lost: after the first press committed
 * (one Ferry serialises presses on a run), or between reading the step and writing it (two Ferry instances).
 */
@FerryTest
class PressRaceTest {

    private static final Actor ALICE = new Actor("console", "alice", "alice");
    private static final Actor BOB = new Actor("console", "bob", "bob");
    private static final Actor CAROL = new Actor("console", "carol", "carol");

    @Autowired
    CommandDispatcher dispatcher;
    @Autowired
    RunEngine engine;
    @Autowired
    RunRepository runs;
    @Autowired
    AuditTrail audit;
    @Autowired
    SimulatedConnector hosts;

    @BeforeEach
    void clean() {
        hosts.reset();
    }

    @Test
    void aRejectAfterAnApprovalHearsWhoApproved() {
        String run = start();

        assertThat(press(run, "announce", 1, "approve", BOB).error()).isFalse();
        Reply late = dispatcher.press(run + ":announce:1", "reject", CAROL, "not now");

        assertThat(late.error()).isTrue();
        assertThat(late.plainText().strip()).isEqualTo("bob already approved step 1 'announce' of run " + run
                + " (it is waiting now); nothing was changed by your press.");
        assertThat(runs.step(run, 0).orElseThrow().state()).isEqualTo(StepState.WAITING);
        assertThat(decisions(run)).containsExactly(Kind.APPROVED);
    }

    @Test
    void anApprovalAfterARejectionHearsWhoRejected() {
        String run = start();

        assertThat(dispatcher.press(run + ":announce:1", "reject", CAROL, "not now").error()).isFalse();

        assertThat(press(run, "announce", 1, "approve", BOB).plainText().strip()).isEqualTo("carol already rejected"
                + " step 1 'announce' of run " + run + "; nothing was changed by your press.");
        assertThat(decisions(run)).containsExactly(Kind.REJECTED);
    }

    @Test
    void aSecondRunPressIsNotToldToApprove() {
        String run = start();
        press(run, "announce", 1, "approve", BOB);
        press(run, "announce", 1, "done", ALICE);
        // While the step waits for Run, "approve" is a wrong word, not a lost race: it hears the buttons there are.
        assertThat(press(run, "stop-service", 1, "approve", CAROL).plainText()).contains("'approve' is not a button"
                + " of step 'stop-service' while it is waiting; press one of: run, skip, abort.");

        assertThat(press(run, "stop-service", 1, "run", ALICE).error()).isFalse();
        String second = press(run, "stop-service", 1, "run", BOB).plainText();

        assertThat(second.strip()).isEqualTo("alice already pressed Run on step 2 'stop-service' of run " + run
                + " (it is awaiting approval now); nothing was changed by your press.");
        assertThat(second).doesNotContain("approve, reject");
        assertThat(audit.ofRun(run)).filteredOn(e -> "stop-service".equals(e.stepId()))
                .extracting(AuditEntry::kind).containsOnlyOnce(Kind.APPROVAL_REQUESTED);
        assertThat(engine.abort(run, ALICE).accepted()).isTrue();
    }

    @Test
    void aRejectWhileTheApprovedScriptRunsHearsWhoApproved() throws Exception {
        hosts.program("spe-ih-02", ScriptedOutcome.hang("Stop-Service"));
        String run = start();
        press(run, "announce", 1, "approve", BOB);
        press(run, "announce", 1, "done", ALICE);
        press(run, "stop-service", 1, "run", ALICE);
        assertThat(press(run, "stop-service", 1, "approve", CAROL).error()).isFalse();

        assertThat(dispatcher.press(run + ":stop-service:1", "reject", BOB, "wait").plainText().strip())
                .isEqualTo("carol already approved step 2 'stop-service' of run " + run + " (it is running now);"
                        + " nothing was changed by your press.");
        assertThat(engine.abort(run, ALICE).accepted()).isTrue();
        engine.awaitIdle();
    }

    @Test
    void aSecondDoneHearsWhoWasFirstAndWhereTheRunIsNow() {
        String run = start();
        press(run, "announce", 1, "approve", BOB);

        assertThat(press(run, "announce", 1, "done", ALICE).error()).isFalse();

        assertThat(press(run, "announce", 1, "done", CAROL).plainText().strip()).isEqualTo("alice already pressed"
                + " Done on step 1 'announce' of run " + run + "; nothing was changed by your press. The run now"
                + " waits on step 2 'stop-service' (waiting).");
        assertThat(engine.abort(run, ALICE).accepted()).isTrue();
    }

    @Test
    void ofAnApproveAndARejectAtOnceTheLoserHearsTheWinner() throws Exception {
        ExecutorService approvers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String run = start();
                CyclicBarrier together = new CyclicBarrier(2);
                Callable<Reply> approve = () -> {
                    together.await();
                    return press(run, "announce", 1, "approve", BOB);
                };
                Callable<Reply> reject = () -> {
                    together.await();
                    return dispatcher.press(run + ":announce:1", "reject", CAROL, "no");
                };
                Future<Reply> first = approvers.submit(approve);
                Future<Reply> second = approvers.submit(reject);
                List<Reply> replies = List.of(first.get(5, TimeUnit.SECONDS), second.get(5, TimeUnit.SECONDS));

                String loser = replies.stream().filter(Reply::error).findFirst().orElseThrow().plainText().strip();
                assertThat(loser).isIn("bob already approved step 1 'announce' of run " + run + " (it is waiting now);"
                                + " nothing was changed by your press.",
                        "carol already rejected step 1 'announce' of run " + run + "; nothing was changed by your press.");
                assertThat(decisions(run)).hasSize(1);
            }
        } finally {
            approvers.shutdownNow();
        }
    }

    /**
     * A second engine on the same database, as a second Ferry instance is: its press reads the step before the
     * first engine's press commits and writes after, so it loses at the conditional write.
     */
    @Test
    void theLoserAtTheConditionalWriteOfAnotherInstanceHearsTheWinnerToo(
            @Autowired ProcedureCatalog catalog, @Autowired Connectors connectors, @Autowired HostInventory inventory,
            @Autowired ApprovalRule approvals, @Autowired PlatformTransactionManager transactions,
            @Autowired Clock clock) {
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try {
            PressFirst beforeWrite = new PressFirst(transactions);
            RunEngine other = new RunEngine(runs, catalog, new StepRunner(connectors, inventory, workers, clock),
                    approvals, audit, beforeWrite, clock);
            String run = start();
            beforeWrite.first = () -> assertThat(engine.press(new Press(run, "announce", 1, Action.APPROVE, BOB))
                    .accepted()).isTrue();

            Outcome lost = RefusalWords.of(other.press(new Press(run, "announce", 1, Action.REJECT, CAROL, "no")));

            assertThat(beforeWrite.first).as("the first press ran in between").isNull();
            assertThat(lost.accepted()).isFalse();
            assertThat(lost.message()).isEqualTo("bob already approved step 1 'announce' of run " + run
                    + " (it is waiting now); nothing was changed by your press.");
            assertThat(runs.step(run, 0).orElseThrow().state()).isEqualTo(StepState.WAITING);
            assertThat(decisions(run)).containsExactly(Kind.APPROVED);
        } finally {
            workers.shutdownNow();
        }
    }

    /** Runs {@link #first} once, just before the next transaction of the engine it serves begins. */
    private static final class PressFirst extends TransactionTemplate {
        volatile Runnable first;

        PressFirst(PlatformTransactionManager transactions) {
            super(transactions);
        }

        @Override
        public <T> T execute(TransactionCallback<T> action) throws TransactionException {
            Runnable now = first;
            if (now != null) {
                now.run();
                first = null;
            }
            return super.execute(action);
        }
    }

    private String start() {
        Reply reply = dispatcher.dispatch("start test-approval server=spe-ih-02", ALICE, "console");
        assertThat(reply.error()).as(reply.plainText()).isFalse();
        return reply.plainText().replaceAll("(?s).*Started run (R\\d+).*", "$1");
    }

    private Reply press(String run, String step, int attempt, String action, Actor actor) {
        return dispatcher.press(run + ":" + step + ":" + attempt, action, actor);
    }

    private List<Kind> decisions(String run) {
        return audit.ofRun(run).stream().map(AuditEntry::kind)
                .filter(k -> k == Kind.APPROVED || k == Kind.REJECTED).toList();
    }
}
