package dev.ferry.chat.slack;

import static dev.ferry.chat.slack.SlackDriver.buttons;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.connector.simulated.SimulatedConnector;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Roles and on-call approvals in Slack, driven only by signed requests through the real Bolt app: operators by
 * user id, approvers by a user group whose members the fake usergroups.list names, the on-call group mentioned,
 * the two-person rule, a rejection's reason asked in a modal, and the audit trail handed over as files.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:ferry-slack-approvals-test;DB_CLOSE_DELAY=-1",
        "ferry.slack.on-call-mention=" + SlackApprovalsTest.ON_CALL,
        "ferry.access.roles.operator.slack-users=UALICE,UBOB",
        "ferry.access.roles.approver.slack-groups=" + SlackApprovalsTest.ON_CALL})
class SlackApprovalsTest extends SlackOverHttp {

    static final String ON_CALL = "S0ONCALL";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REASON = "not before the change window at 22:00";

    @BeforeEach
    void groups() {
        // Alice is on call too, but never for her own run; Carol is an approver only through the group.
        slack.userGroup(ON_CALL, "UALICE", "UBOB", "UCAROL");
        slack.userGroup("S0OTHER", "UMALLORY");
    }

    @Test
    void anApprovalIsAskedDecidedRejectedWithAReasonAskedAgainAndApprovedInSlack() throws IOException {
        String run = driver.start("alice", "C1", "start test-approval server=spe-ih-01");

        // The manual step waits for the on-call group at once, and the group is called in the thread.
        FakeSlackApi.Call announce = driver.stepMessage(run, "Announce the maintenance window");
        String thread = announce.param("thread_ts");
        assertThat(buttons(announce)).containsExactly("ferry:approve=" + run + ":announce:1",
                "ferry:reject=" + run + ":announce:1", "ferry:abort=" + run + ":announce:1");
        assertThat(announce.blocks()).contains("awaiting approval", "any on-call approver but alice may decide")
                .doesNotContain("Started by");
        FakeSlackApi.Call call = approvalCall(thread, "step 1/3");
        assertThat(call.param("text")).startsWith("<!subteam^" + ON_CALL + "> " + run + " · step 1/3 · Announce")
                .contains("any on-call approver but alice may decide");

        driver.press("alice", announce, "ferry:approve");
        FakeSlackApi.Call ownRun = toldPrivately("UALICE", "two-person rule");
        assertThat(ownRun.param("text")).contains("alice started run " + run + " and so cannot approve its steps");
        assertThat(ownRun.param("thread_ts")).isEqualTo(thread);

        driver.press("bob", announce, "ferry:approve");
        FakeSlackApi.Call approved = edited(announce, "approved by bob (asked by alice)");
        assertThat(buttons(approved)).containsExactly("ferry:done=" + run + ":announce:1",
                "ferry:skip=" + run + ":announce:1", "ferry:abort=" + run + ":announce:1");
        driver.press("alice", approved, "ferry:done");

        // A stranger is refused with the role named, privately.
        FakeSlackApi.Call stop = driver.stepMessage(run, "Stop the service");
        driver.press("mallory", stop, "ferry:run");
        assertThat(toldPrivately("UMALLORY", "operator role").param("text"))
                .contains("mallory (slack:UMALLORY) lacks the operator role needed to press step buttons",
                        "ferry.access.roles.operator.slack-users (or slack-groups)");

        driver.press("alice", stop, "ferry:run");
        FakeSlackApi.Call asked = edited(stop, "awaiting approval");
        assertThat(asked.blocks()).contains("asked by alice", "any on-call approver but alice may decide");
        assertThat(approvalCall(thread, "step 2/3").param("text")).contains("Stop the service");
        assertThat(hosts.executions()).isEmpty();

        // Reject opens no form for someone who may not reject.
        driver.press("mallory", asked, "ferry:reject");
        assertThat(toldPrivately("UMALLORY", "approver role").param("text"))
                .contains("mallory (slack:UMALLORY) lacks the approver role needed to reject steps");
        assertThat(slack.calls("views.open")).isEmpty();

        // Carol rejects: a form asks why; a blank reason keeps it open; the reason shows in the step's message.
        driver.press("carol", asked, "ferry:reject");
        FakeSlackApi.Call form = slack.await("views.open", c -> true, WAIT);
        assertThat(form.param("trigger_id")).startsWith("trigger-");
        JsonNode view = form.json("view");
        assertThat(view.path("callback_id").asText()).isEqualTo(RejectForm.CALLBACK_ID);
        assertThat(view.path("private_metadata").asText()).isEqualTo(run + ":stop-service:1 C1 " + thread);
        JsonNode reason = view.path("blocks").findParents("block_id").stream()
                .filter(b -> b.path("type").asText().equals("input")).findFirst().orElseThrow();
        assertThat(reason.path("optional").asBoolean(false)).isFalse();
        assertThat(reason.path("element").path("multiline").asBoolean()).isTrue();

        String metadata = view.path("private_metadata").asText();
        SignedRequests.Answer blank = requests.submit("carol", RejectForm.CALLBACK_ID, metadata,
                SignedRequests.state(Map.of("reason", SignedRequests.text("   "))));
        assertThat(JSON.readTree(blank.body()).path("errors").path("reason").asText()).contains("Say why");
        SignedRequests.Answer submitted = requests.submit("carol", RejectForm.CALLBACK_ID, metadata,
                SignedRequests.state(Map.of("reason", SignedRequests.text(REASON))));
        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(submitted.body()).isEmpty();
        FakeSlackApi.Call rejected = edited(stop, "rejected · by carol: " + REASON);
        assertThat(buttons(rejected)).containsExactly("ferry:ask-again=" + run + ":stop-service:1",
                "ferry:skip=" + run + ":stop-service:1", "ferry:abort=" + run + ":stop-service:1");

        // Bob asks again: now neither alice nor bob may decide, and the group is called again.
        driver.press("bob", rejected, "ferry:ask-again");
        FakeSlackApi.Call askedAgain = edited(stop, "asked again by bob");
        assertThat(askedAgain.blocks()).contains("any on-call approver but alice and bob may decide");
        slack.await("chat.postMessage", c -> thread.equals(c.param("thread_ts")) && c.param("text") != null
                && c.param("text").contains("<!subteam^" + ON_CALL + ">") && c.param("text").contains("asked again by bob"),
                WAIT);

        driver.press("carol", askedAgain, "ferry:approve");
        edited(stop, "approved by carol (asked by bob)");
        assertThat(edited(stop, "succeeded").blocks()).contains("Started by carol");
        slack.await("chat.update", c -> c.param("ts").equals(thread) && c.blocks().contains("finished")
                && c.blocks().contains("3/3 steps"), WAIT);
        edited(driver.stepMessage(run, "Verify it stopped"), "succeeded");
        assertThat(hosts.executions()).extracting(SimulatedConnector.Execution::script)
                .containsExactly("Stop-Service -Name 'TestRole'", "Get-Service -Name 'TestRole'");
        // Every press above needed the groups; Slack was asked once, the answer kept for a minute.
        assertThat(slack.calls("usergroups.list")).hasSizeLessThanOrEqualTo(1);

        auditTrailIsHandedOverPrivately(run);
    }

    private void auditTrailIsHandedOverPrivately(String run) throws IOException {
        slack.clear();
        String url = slack.responseUrl("audit-" + run);
        SignedRequests.Answer ack = requests.command("alice", "C1", "audit " + run, url);
        JsonNode answer = ack.body().isEmpty()
                ? slack.await("respond", c -> url.equals(c.param("response_url")), WAIT).json(null)
                : JSON.readTree(ack.body());

        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("blocks").toString()).contains("Audit trail of run " + run,
                run + "-audit.jsonl and " + run + "-audit.csv are in your direct messages with Ferry");
        assertThat(slack.calls("conversations.open")).singleElement()
                .satisfies(c -> assertThat(c.param("users")).isEqualTo("UALICE"));
        assertThat(slack.calls("files.getUploadURLExternal")).extracting(c -> c.param("filename"))
                .containsExactly(run + "-audit.jsonl", run + "-audit.csv");
        assertThat(slack.calls("upload")).hasSize(2).allSatisfy(c -> assertThat(c.body())
                .contains("APPROVAL_REQUESTED", "REJECTED", REASON, "slack:UCAROL", "EXECUTION_ENDED"));
        assertThat(slack.calls("files.completeUploadExternal")).singleElement()
                .satisfies(c -> assertThat(c.param("channel_id")).isEqualTo("DUALICE"));
        assertThat(slack.calls("chat.postMessage")).noneSatisfy(c -> assertThat(c.text()).contains("-audit."));
    }

    private FakeSlackApi.Call approvalCall(String thread, String step) {
        return slack.await("chat.postMessage", c -> thread.equals(c.param("thread_ts")) && c.param("text") != null
                && c.param("text").startsWith("<!subteam^") && c.param("text").contains(step), WAIT);
    }

    private FakeSlackApi.Call toldPrivately(String user, String text) {
        return slack.await("chat.postEphemeral", c -> user.equals(c.param("user")) && c.param("text").contains(text),
                WAIT);
    }

    private FakeSlackApi.Call edited(FakeSlackApi.Call message, String text) {
        return slack.await("chat.update", c -> c.param("ts").equals(message.ts()) && c.blocks().contains(text), WAIT);
    }
}
