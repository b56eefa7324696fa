package dev.ferry.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryTest;
import dev.ferry.access.Actor;
import dev.ferry.access.AuditEntry;
import dev.ferry.access.AuditEntry.Kind;
import dev.ferry.access.AuditTrail;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Reply;
import dev.ferry.connector.simulated.SimulatedConnector;
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

/** On-call approvals with the two-person rule, driven through the dispatcher as every platform drives them. */
@FerryTest
class ApprovalFlowTest {

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
    void neitherTheRequesterNorTheAskerMayApproveAnotherApproverMay() throws Exception {
        String run = start(ALICE);
        assertThat(state(run, 0)).isEqualTo(StepState.AWAITING_APPROVAL);

        assertThat(press(run, "announce", "approve", ALICE).plainText())
                .contains("alice started run " + run + " and so cannot approve its steps", "two-person rule");
        assertThat(press(run, "announce", "approve", BOB).error()).isFalse();
        assertThat(state(run, 0)).isEqualTo(StepState.WAITING);
        assertThat(runs.step(run, 0).orElseThrow().note()).isEqualTo("approved by bob (asked by alice)");
        press(run, "announce", "done", ALICE);

        // Bob asks for the script; so neither alice (requester) nor bob (asker) may approve it.
        assertThat(press(run, "stop-service", "run", BOB).error()).isFalse();
        assertThat(state(run, 1)).isEqualTo(StepState.AWAITING_APPROVAL);
        assertThat(hosts.executions()).isEmpty();
        assertThat(press(run, "stop-service", "approve", BOB).plainText())
                .contains("bob asked for step 'stop-service' and so cannot approve it");
        assertThat(press(run, "stop-service", "approve", ALICE).plainText()).contains("alice started run");
        assertThat(press(run, "stop-service", "approve", CAROL).error()).isFalse();
        engine.awaitIdle();

        assertThat(hosts.executions()).extracting(SimulatedConnector.Execution::script)
                .containsExactly("Stop-Service -Name 'TestRole'", "Get-Service -Name 'TestRole'");
        assertThat(runs.step(run, 1).orElseThrow().note()).startsWith("exit code 0 after")
                .endsWith(" · approved by carol (asked by bob)");
        assertThat(engine.snapshot(run).orElseThrow().run().status()).isEqualTo(RunStatus.FINISHED);
    }

    @Test
    void aRejectionNeedsAReasonAndPausesTheStepUntilSomeoneAsksAgain() throws Exception {
        String run = start(ALICE);
        press(run, "announce", "approve", BOB);
        press(run, "announce", "done", ALICE);
        press(run, "stop-service", "run", ALICE);

        assertThat(press(run, "stop-service", "reject", BOB).plainText()).contains("needs a reason");
        assertThat(state(run, 1)).isEqualTo(StepState.AWAITING_APPROVAL);
        assertThat(dispatcher.press(run + ":stop-service:1", "reject", BOB, "not in the change window").error()).isFalse();
        StepRecord rejected = runs.step(run, 1).orElseThrow();
        assertThat(rejected.state()).isEqualTo(StepState.REJECTED);
        assertThat(rejected.note()).isEqualTo("by bob: not in the change window");
        assertThat(press(run, "stop-service", "run", ALICE).plainText()).contains("'run' is not a button",
                "ask-again, skip, abort");

        assertThat(press(run, "stop-service", "ask-again", CAROL).error()).isFalse();
        assertThat(press(run, "stop-service", "approve", CAROL).plainText()).contains("carol asked for step");
        assertThat(press(run, "stop-service", "approve", BOB).error()).isFalse();
        engine.awaitIdle();
        assertThat(state(run, 1)).isEqualTo(StepState.SUCCEEDED);
    }

    @Test
    void ofAnApproveAndARejectAtOnceExactlyOneWins() throws Exception {
        ExecutorService approvers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                hosts.reset();
                String run = start(ALICE);
                CyclicBarrier together = new CyclicBarrier(2);
                Callable<Reply> approve = () -> {
                    together.await();
                    return press(run, "announce", "approve", BOB);
                };
                Callable<Reply> reject = () -> {
                    together.await();
                    return dispatcher.press(run + ":announce:1", "reject", CAROL, "no");
                };
                Future<Reply> first = approvers.submit(approve);
                Future<Reply> second = approvers.submit(reject);
                List<Reply> replies = List.of(first.get(5, TimeUnit.SECONDS), second.get(5, TimeUnit.SECONDS));

                assertThat(replies).filteredOn(r -> !r.error()).hasSize(1);
                assertThat(replies).filteredOn(Reply::error).singleElement().extracting(Reply::plainText).asString()
                        .containsPattern("^(bob already approved|carol already rejected) step 1 'announce' of run "
                                + run + ".*; nothing was changed by your press\\.");
                StepState decided = state(run, 0);
                assertThat(decided).isIn(StepState.WAITING, StepState.REJECTED);
                assertThat(audit.ofRun(run)).extracting(AuditEntry::kind)
                        .filteredOn(k -> k == Kind.APPROVED || k == Kind.REJECTED).hasSize(1);
            }
        } finally {
            approvers.shutdownNow();
        }
    }

    @Test
    void theAuditTrailOfAFullRunHasOneEntryPerEventInOrder() throws Exception {
        String run = start(ALICE);
        press(run, "announce", "done", BOB);            // refused: awaiting approval
        press(run, "announce", "approve", BOB);
        press(run, "announce", "done", ALICE);
        press(run, "stop-service", "run", ALICE);
        press(run, "stop-service", "approve", CAROL);
        engine.awaitIdle();
        dispatcher.dispatch("status " + run, ALICE, "console");

        List<AuditEntry> trail = audit.ofRun(run);
        assertThat(trail).extracting(AuditEntry::kind).containsExactly(
                Kind.RUN_STARTED, Kind.APPROVAL_REQUESTED, Kind.COMMAND,
                Kind.REFUSED,
                Kind.PRESS, Kind.APPROVED,
                Kind.PRESS, Kind.STEP_SETTLED,
                Kind.PRESS, Kind.APPROVAL_REQUESTED,
                Kind.PRESS, Kind.APPROVED, Kind.EXECUTION_STARTED,
                Kind.EXECUTION_ENDED, Kind.EXECUTION_STARTED,
                Kind.EXECUTION_ENDED, Kind.RUN_ENDED,
                Kind.COMMAND);
        assertThat(trail).extracting(AuditEntry::actorId).containsExactly(
                "console:alice", "console:alice", "console:alice",
                "console:bob",
                "console:bob", "console:bob",
                "console:alice", "console:alice",
                "console:alice", "console:alice",
                "console:carol", "console:carol", "console:carol",
                "ferry:engine", "ferry:engine",
                "ferry:engine", "ferry:engine",
                "console:alice");
        AuditEntry started = trail.get(12);
        assertThat(started.host()).isEqualTo("spe-ih-02");
        assertThat(started.scriptSha256()).hasSize(64).isEqualTo(RunAudit.sha256("Stop-Service -Name 'TestRole'"));
        assertThat(trail.get(13).exitCode()).isZero();
        assertThat(trail.get(3).detail()).contains("done → 'done' is not a button of step 'announce' while it is"
                + " awaiting approval");
        assertThat(trail.get(2).detail()).isEqualTo("start test-approval server=spe-ih-02");
        assertThat(trail).extracting(AuditEntry::id).isSorted();

        Reply files = dispatcher.dispatch("audit " + run, BOB, "console");
        List<Reply.Attachment> attachments = files.parts().stream().filter(p -> p instanceof Reply.Attachment)
                .map(p -> (Reply.Attachment) p).toList();
        assertThat(attachments).extracting(Reply.Attachment::filename)
                .containsExactly(run + "-audit.jsonl", run + "-audit.csv");
        assertThat(attachments.get(0).content().lines()).hasSize(trail.size());
        assertThat(attachments.get(1).content().lines()).hasSize(trail.size() + 1);
    }

    @Test
    void secretsNeverEnterTheTrail() {
        String secret = "Sup3r-S3cret";
        Reply reply = dispatcher.dispatch("start test-move oldServer=spe-ih-02 newServer=spe-ih-01 pfxPassword=" + secret,
                ALICE, "console");
        String run = reply.plainText().replaceAll("(?s).*Started run (R\\d+).*", "$1");
        press(run, "stop-service", "run", ALICE);
        dispatcher.dispatch("resume " + run + " pfxPassword=" + secret, ALICE, "console");

        assertThat(audit.ofRun(run)).isNotEmpty().allSatisfy(e -> assertThat(e.toString()).doesNotContain(secret));
    }

    private String start(Actor requester) {
        Reply reply = dispatcher.dispatch("start test-approval server=spe-ih-02", requester, "console");
        assertThat(reply.error()).as(reply.plainText()).isFalse();
        return reply.plainText().replaceAll("(?s).*Started run (R\\d+).*", "$1");
    }

    private Reply press(String run, String step, String action, Actor actor) {
        StepRecord record = runs.step(run, engine.snapshot(run).orElseThrow().procedure().indexOf(step)).orElseThrow();
        return dispatcher.press(run + ":" + step + ":" + record.attempt(), action, actor);
    }

    private StepState state(String run, int index) {
        return runs.step(run, index).orElseThrow().state();
    }
}
