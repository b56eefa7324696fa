package dev.ferry.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.access.Actor;
import dev.ferry.access.AuditEntry;
import dev.ferry.access.AuditTrail;
import dev.ferry.run.RunEngine;
import dev.ferry.run.StepState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    private static final Actor ADMIN = new Actor("discord", "42", "ada");

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
        assertThat(dispatcher.start("test-move", Map.of("oldServer", "spe-ih-01"), OPERATOR, "C-RANDOM")
                .plainText()).contains("may not run in C-RANDOM");
        assertThat(dispatcher.dispatch("start test-move oldServer=spe-ih-01 newServer=spe-ih-02 pfxPassword=x",
                OPERATOR, "C-MIGRATIONS").error()).isFalse();
    }

    @Test
    void aStartRefusalOnSlackNamesTheRoleKeyToGrant() {
        assertThat(dispatcher.dispatch("start test-idempotent server=spe-ih-01", STRANGER, "C1").plainText())
                .contains("mallory (slack:U666) may not start test-idempotent: it needs the operator role. An admin"
                        + " can grant it in ferry.access.roles.operator.slack-users (or slack-groups).")
                .doesNotContain("<role>");
    }

    @Test
    void onlyAnAdminExportsTheRefusals() {
        assertThat(dispatcher.dispatch("audit refusals", STRANGER, "C1").plainText())
                .contains("mallory (slack:U666) lacks the admin role needed to export the refusals of the audit trail."
                        + " An admin can grant it in ferry.access.roles.admin.slack-users (or slack-groups).");
        assertThat(dispatcher.dispatch("audit refusals 24h", OPERATOR, "C1").plainText())
                .contains("olga (slack:U0PS) lacks the admin role");
        assertThat(dispatcher.dispatch("audit refusals", ADMIN, "D1").error()).isFalse();
    }

    @Test
    void theRefusalsExportHoldsRefusalsOfNoRunInTheRunFilesFormatWithSecretsMasked() throws Exception {
        String secret = "Hunter-2-Secret";
        dispatcher.dispatch("start test-move oldServer=spe-ih-01 newServer=spe-ih-02 pfxPassword=" + secret,
                STRANGER, "C-MIGRATIONS");
        dispatcher.start("test-move", new TreeMap<>(Map.of("oldServer", "spe-ih-01", "pfxPassword", secret)), STRANGER,
                "C-MIGRATIONS");
        dispatcher.dispatch("frobnicate pfxPassword=" + secret, DISCORD_OPERATOR, "D1");
        dispatcher.dispatch("resume R999999 pfxPassword=" + secret, DISCORD_OPERATOR, "D1");
        dispatcher.dispatch("start test-move oldServer=spe-ih-01 newServer=nowhere pfxPassword=" + secret,
                OPERATOR, "C-MIGRATIONS");
        dispatcher.press("garbage", "run", DISCORD_OPERATOR);
        dispatcher.dispatch("start test-move oldServer=spe-ih-01 newServer=spe-ih-02 pfxPasword=" + secret, OPERATOR,
                "C-MIGRATIONS");

        Reply reply = dispatcher.dispatch("audit refusals 1h", ADMIN, "D1");

        assertThat(reply.error()).as(reply.plainText()).isFalse();
        assertThat(reply.plainText()).containsPattern("\\d+ refusals since \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z, oldest first \\(\\d+"
                + " of them tied to no run; the others are also in /migrate audit <run>\\), as JSON lines and as CSV\\.");
        List<Reply.Attachment> files = reply.parts().stream().filter(p -> p instanceof Reply.Attachment)
                .map(p -> (Reply.Attachment) p).toList();
        String day = reply.plainText().replaceAll("(?s).* since (\\d{4}-\\d\\d-\\d\\d)T.*", "$1");
        assertThat(LocalDate.parse(day)).isBetween(LocalDate.now(ZoneOffset.UTC).minusDays(1), LocalDate.now(ZoneOffset.UTC));
        assertThat(files).extracting(Reply.Attachment::filename, Reply.Attachment::mediaType).containsExactly(
                tuple("refusals-since-" + day + "-audit.jsonl", "application/x-ndjson"),
                tuple("refusals-since-" + day + "-audit.csv", "text/csv"));
        assertThat(files).allSatisfy(file -> assertThat(file.content()).doesNotContain(secret));
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : files.get(0).content().lines().toList()) {
            lines.add(json.readTree(line));
        }
        assertThat(files.get(1).content().lines()).hasSize(lines.size() + 1);
        assertThat(lines).allSatisfy(line -> assertThat(line.get("kind").asText()).isEqualTo("REFUSED"));
        assertThat(lines).filteredOn(line -> line.get("actor_id").asText().equals("slack:U666"))
                .extracting(line -> line.get("detail").asText())
                .contains("start test-move oldServer=spe-ih-01 newServer=spe-ih-02 pfxPassword=******** → mallory"
                                + " (slack:U666) may not start test-move: it needs the operator role. An admin can grant"
                                + " it in ferry.access.roles.operator.slack-users (or slack-groups).",
                        "start test-move (form) oldServer=spe-ih-01 pfxPassword=******** → mallory (slack:U666) may not"
                                + " start test-move: it needs the operator role. An admin can grant it in"
                                + " ferry.access.roles.operator.slack-users (or slack-groups).");
        // Commands Ferry turned down for what they said, not only for who said them; none of them concern a run.
        assertThat(lines).filteredOn(line -> line.get("actor_id").asText().equals("discord:5"))
                .extracting(line -> line.get("detail").asText(), line -> line.get("run_id").isNull())
                .contains(tuple("frobnicate pfxPassword=******** → 'frobnicate' is not a"
                                + " /migrate command; use one of " + CommandDispatcher.VERBS + ". /migrate help explains"
                                + " each.", true),
                        tuple("press run garbage → unknown button", true));
        assertThat(lines).filteredOn(line -> line.get("actor_id").asText().equals("discord:5"))
                .extracting(line -> line.get("detail").asText())
                .anySatisfy(detail -> assertThat(detail).startsWith("resume R999999 pfxPassword=******** → There is no"
                        + " run R999999"));
        assertThat(lines).filteredOn(line -> line.get("actor_id").asText().equals("slack:U0PS"))
                .extracting(line -> line.get("detail").asText())
                .contains("start test-move oldServer=spe-ih-01 newServer=nowhere pfxPassword=******** → The parameters"
                        + " do not fit test-move:", "start test-move oldServer=spe-ih-01 newServer=spe-ih-02"
                        + " pfxPasword=******** → The parameters do not fit test-move:");
    }

    @Test
    void sinceIsADateATimeOrADurationAndDefaultsToAWeek() {
        assertThat(dispatcher.dispatch("audit refusals yesterday", ADMIN, "D1").plainText()).contains(
                "'yesterday' is not a since; give a date (2026-11-01, from midnight UTC), a time (2026-11-01T08:00:00Z)"
                        + " or a duration back from now (24h, 7d), e.g. /migrate audit refusals 7d.");
        assertThat(dispatcher.dispatch("audit refusals 2999-01-01", ADMIN, "D1").plainText())
                .contains("'2999-01-01' is in the future");
        assertThat(dispatcher.dispatch("audit refusals 99999999d", ADMIN, "D1").plainText())
                .contains("'99999999d' is not a since");
        Instant weekAgo = Instant.now().minus(Duration.ofDays(7));
        String byDefault = dispatcher.dispatch("audit refusals", ADMIN, "D1").plainText();
        Instant shown = Instant.parse(byDefault.replaceAll("(?s).* since (\\S+Z)[,.].*", "$1"));
        assertThat(Duration.between(weekAgo, shown).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(dispatcher.dispatch("audit refusals 2000-01-01", ADMIN, "D1").plainText())
                .contains(" since 2000-01-01T00:00:00Z");
        assertThat(dispatcher.dispatch("audit refusals 2000-01-01T08:30:00+02:00", ADMIN, "D1").plainText())
                .contains(" since 2000-01-01T06:30:00Z");
    }

    @Test
    void theExportIsBoundedAndSaysWhereTheNextEntriesStart() {
        Instant start = Instant.parse("2001-01-01T00:00:00Z");
        for (int i = 0; i <= RefusalReplies.LIMIT; i++) {
            audit.append(AuditEntry.of(AuditEntry.Kind.REFUSED, STRANGER, null, start.plusSeconds(i)).detail("bulk " + i));
        }

        Reply first = dispatcher.dispatch("audit refusals 2001-01-01", ADMIN, "D1");

        assertThat(first.plainText()).startsWith("The first " + RefusalReplies.LIMIT + " refusals since"
                + " 2001-01-01T00:00:00Z, oldest first").contains("There are more; the next ones: /migrate audit"
                + " refusals 2001-01-01T01:23:20Z.");
        Reply.Attachment lines = (Reply.Attachment) first.parts().stream().filter(p -> p instanceof Reply.Attachment)
                .findFirst().orElseThrow();
        assertThat(lines.content().lines()).hasSize(RefusalReplies.LIMIT).last().asString().contains("\"bulk 4999\"");
        Reply next = dispatcher.dispatch("audit refusals 2001-01-01T01:23:20Z", ADMIN, "D1");
        Reply.Attachment rest = (Reply.Attachment) next.parts().stream().filter(p -> p instanceof Reply.Attachment)
                .findFirst().orElseThrow();
        assertThat(rest.content().lines().findFirst()).get().asString().contains("\"bulk 5000\"");
    }

    private long refusals() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE kind = 'REFUSED'").query(Long.class).single();
    }

    private static String started(Reply reply) {
        assertThat(reply.error()).as(reply.plainText()).isFalse();
        return reply.plainText().replaceAll("(?s).*Started run (R\\d+).*", "$1");
    }
}
