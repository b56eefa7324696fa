package dev.ferry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.access.Actor;
import dev.ferry.access.AuditEntry;
import dev.ferry.access.AuditTrail;
import dev.ferry.run.RunEngine;
import dev.ferry.run.StepState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Roles from configuration for Slack and Discord identities; every command and button refused without them. */
@SpringBootTest(properties = {
        "ferry.console.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:ferry-access;DB_CLOSE_DELAY=-1",
        "ferry.procedures.directory=src/test/resources/procedures",
        "logging.file.name=",
        "logging.threshold.console=warn",
        "ferry.access.roles.operator.slack-users=U0PS",
        "ferry.access.roles.operator.discord-roles=777",
        "ferry.access.roles.approver.slack-groups=S0NCALL",
        "ferry.access.roles.admin.discord-users=42",
        "ferry.access.procedures.test-idempotent.approve-every-script=true",
        "ferry.access.procedures.test-move.channels=C-MIGRATIONS",
        "ferry.access.approval-expiry=1s"})
class AccessRefusalTest {

    private static final Actor OPERATOR = new Actor("slack", "U0PS", "olga");
    private static final Actor ONCALL = new Actor("slack", "U1", "oscar", Set.of("S0NCALL"));
    private static final Actor STRANGER = new Actor("slack", "U666", "mallory");
    private static final Actor DISCORD_OPERATOR = new Actor("discord", "5", "dora", Set.of("777"));

    @Autowired
    CommandDispatcher dispatcher;
    @Autowired
    RunEngine engine;
    @Autowired
    AuditTrail audit;
    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest
    @ValueSource(strings = {"plan test-idempotent server=spe-ih-01", "start test-idempotent server=spe-ih-01",
            "resume R1", "abort R1", "hosts", "audit R1", "check spe-ih-01", "schedule add x"})
    void everyCommandThatChangesOrRevealsMoreIsRefusedWithTheRoleLacked(String command) {
        long refusalsBefore = refusals();
        Reply reply = dispatcher.dispatch(command, STRANGER, "C1");

        assertThat(reply.error()).isTrue();
        assertThat(reply.plainText()).containsPattern("mallory \\(slack:U666\\) (lacks the (operator|admin) role"
                + "|may not start test-idempotent: it needs the operator role)").contains("ferry.access.roles.");
        assertThat(refusals()).isEqualTo(refusalsBefore + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "list", "show test-move", "status"})
    void readingIsOpenToEveryone(String command) {
        assertThat(dispatcher.dispatch(command, STRANGER, "C1").error()).isFalse();
    }

    @Test
    void buttonsNeedTheOperatorRoleAndApprovalsTheApproverRole() throws Exception {
        String run = started(dispatcher.dispatch("start test-idempotent server=spe-ih-02", DISCORD_OPERATOR, "D1"));

        for (String action : List.of("run", "done", "skip", "abort", "retry", "mark-done", "ask-again")) {
            assertThat(dispatcher.press(run + ":update-lists:1", action, STRANGER).plainText())
                    .contains("lacks the operator role needed to press step buttons");
        }
        // Every script of test-idempotent needs an approval (approve-every-script).
        assertThat(dispatcher.press(run + ":update-lists:1", "run", OPERATOR).error()).isFalse();
        assertThat(engine.snapshot(run).orElseThrow().steps().get(0).state()).isEqualTo(StepState.AWAITING_APPROVAL);
        for (String action : List.of("approve", "reject")) {
            assertThat(dispatcher.press(run + ":update-lists:1", action, OPERATOR, "why").plainText())
                    .contains("olga (slack:U0PS) lacks the approver role needed to " + action + " steps");
        }
        assertThat(audit.ofRun(run)).extracting(AuditEntry::kind).filteredOn(k -> k == AuditEntry.Kind.REFUSED)
                .hasSize(9);

        // The request is older than the 1 s expiry by now: it must be asked for again.
        Thread.sleep(1_100);
        assertThat(dispatcher.press(run + ":update-lists:1", "approve", ONCALL).plainText())
                .contains("The approval request for step 'update-lists' expired", "Press Ask again");
        assertThat(engine.snapshot(run).orElseThrow().steps().get(0).state()).isEqualTo(StepState.APPROVAL_EXPIRED);
        assertThat(dispatcher.press(run + ":update-lists:1", "ask-again", OPERATOR).error()).isFalse();
        assertThat(dispatcher.press(run + ":update-lists:1", "approve", ONCALL).error()).isFalse();
        engine.awaitIdle();
        assertThat(engine.snapshot(run).orElseThrow().steps().get(0).state()).isEqualTo(StepState.SUCCEEDED);
    }

    @Test
    void anUndecidedRequestExpiresByItselfAndTheTrailSaysFerryExpiredIt() throws Exception {
        String run = started(dispatcher.dispatch("start test-idempotent server=spe-ih-02", OPERATOR, "C1"));
        assertThat(dispatcher.press(run + ":update-lists:1", "run", OPERATOR).error()).isFalse();
        assertThat(engine.expireApprovals()).isZero();

        Thread.sleep(1_100);
        assertThat(engine.expireApprovals()).isEqualTo(1);
        assertThat(engine.expireApprovals()).isZero();

        var step = engine.snapshot(run).orElseThrow().steps().get(0);
        assertThat(step.state()).isEqualTo(StepState.APPROVAL_EXPIRED);
        assertThat(step.note()).startsWith("nobody decided within 1 s of the request at");
        assertThat(audit.ofRun(run)).last().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(AuditEntry.Kind.APPROVAL_EXPIRED);
            assertThat(entry.actorId()).isEqualTo("ferry:engine");
        });
        assertThat(dispatcher.press(run + ":update-lists:1", "approve", ONCALL).plainText())
                .contains("'approve' is not a button", "ask-again, skip, abort");
    }

    @Test
    void aProcedureRunsOnlyInItsChannels() {
        assertThat(dispatcher.dispatch("start test-move oldServer=spe-ih-01 newServer=spe-ih-02 pfxPassword=x",
                OPERATOR, "C-RANDOM").plainText())
                .contains("test-move may not run in C-RANDOM; it runs only in C-MIGRATIONS");
        assertThat(dispatcher.start("test-move", java.util.Map.of("oldServer", "spe-ih-01"), OPERATOR, "C-RANDOM")
                .plainText()).contains("may not run in C-RANDOM");
        assertThat(dispatcher.dispatch("start test-move oldServer=spe-ih-01 newServer=spe-ih-02 pfxPassword=x",
                OPERATOR, "C-MIGRATIONS").error()).isFalse();
    }

    private long refusals() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE kind = 'REFUSED'").query(Long.class).single();
    }

    private static String started(Reply reply) {
        assertThat(reply.error()).as(reply.plainText()).isFalse();
        return reply.plainText().replaceAll("(?s).*Started run (R\\d+).*", "$1");
    }
}
