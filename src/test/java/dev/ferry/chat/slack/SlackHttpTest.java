package dev.ferry.chat.slack;

import static dev.ferry.chat.slack.SlackDriver.buttons;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.connector.ScriptedOutcome;
import dev.ferry.connector.simulated.SimulatedConnector;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Ferry in Slack's HTTP mode, end to end on loopback: signed requests go through Tomcat and the real Bolt app
 * (its RequestVerification included) to the dispatcher; what Ferry sends to Slack reaches a local fake of the
 * Web API, where the Block Kit is checked.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:ferry-slack-test;DB_CLOSE_DELAY=-1",
        "ferry.slack.output-every=100ms",
        "ferry.access.roles.operator.slack-users=*", "ferry.access.roles.approver.slack-users=*"})
class SlackHttpTest extends SlackOverHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    @Qualifier("slackWork")
    ExecutorService slackWork;
    @Autowired
    SlackSettings settings;
    @Autowired
    JdbcClient jdbc;

    @Test
    void readOnlyCommandsAnswerOnlyThePersonWhoAsked() throws IOException {
        SignedRequests.Answer list = requests.command("alice", "C1", "list");
        SignedRequests.Answer show = requests.command("alice", "C1", "show test-move");
        SignedRequests.Answer help = requests.command("alice", "C1", "");

        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(list.body());
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("blocks").toString()).contains("test-move", "test-idempotent");
        assertThat(JSON.readTree(show.body()).path("blocks").toString()).contains("pfxPassword", "Stop the service on the old server");
        assertThat(JSON.readTree(help.body()).path("blocks").toString()).contains("/migrate start");
        assertThat(slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void mistakesAreOneEphemeralSentenceWithoutAStackTrace() throws IOException {
        JsonNode unknown = driver.answer("alice", "C1", "start test-mvoe");
        JsonNode invalid = driver.answer("alice", "C1", "start test-idempotent server=spe-ih-99");
        JsonNode stale = pressAnswer("carol", "R999:nothing:1", "ferry:done");

        assertThat(unknown.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(unknown.path("text").asText()).contains("There is no procedure 'test-mvoe'. Did you mean test-move?");
        assertThat(invalid.path("blocks").toString()).contains("spe-ih-99", "is not a host of the inventory",
                "Nothing was started");
        assertThat(stale.path("text").asText()).contains("There is no run R999");
        assertThat(List.of(unknown.toString(), invalid.toString(), stale.toString()))
                .allSatisfy(text -> assertThat(text).doesNotContain("Exception", "\tat "));
    }

    @Test
    void requestsWithABadSignatureOrAnOldTimestampAreRejected() {
        String body = requests.commandBody("mallory", "C1", "start test-idempotent server=spe-ih-01");
        long now = SignedRequests.now();

        SignedRequests.Answer forged = requests.send(body, now, "v0=" + "0".repeat(64));
        SignedRequests.Answer otherSecret = requests.send(body, now,
                new SignedRequests(URI.create("http://unused"), "another-secret", slack).sign(now, body));
        SignedRequests.Answer replayed = requests.send(body, now - 6 * 60, requests.sign(now - 6 * 60, body));
        SignedRequests.Answer unsigned = requests.send(body, now, "");

        assertThat(List.of(forged, otherSecret, replayed, unsigned)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
        assertThat(requests.send(body, now, null).statusCode()).isEqualTo(200);
        // Only the one correctly signed request started a run.
        slack.await("chat.postMessage", c -> c.param("thread_ts") == null, WAIT);
        assertThat(slack.calls("chat.postMessage").stream().filter(c -> c.param("thread_ts") == null)).hasSize(1);
    }

    @Test
    void missingParametersOpenAFormWhoseMistakesShowBesideTheirFields() throws IOException {
        SignedRequests.Answer ack = requests.command("alice", "C7", "start test-move oldServer=spe-ih-02");

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).isEmpty();
        FakeSlackApi.Call opened = slack.await("views.open", c -> true, WAIT);
        assertThat(opened.param("trigger_id")).startsWith("trigger-");
        JsonNode view = opened.json("view");
        assertThat(view.path("callback_id").asText()).isEqualTo("ferry-start");
        assertThat(view.path("type").asText()).isEqualTo("modal");
        Map<String, JsonNode> fields = fields(view);
        assertThat(fields).containsOnlyKeys("newServer", "pfxPassword");
        assertThat(fields.get("newServer").path("element").path("type").asText()).isEqualTo("static_select");
        assertThat(fields.get("newServer").path("element").path("options").findValuesAsText("value"))
                .contains("spe-ih-01", "spe-ih-02", "ex2007-a");
        assertThat(fields.get("pfxPassword").path("element").path("type").asText()).isEqualTo("plain_text_input");
        assertThat(fields.get("pfxPassword").path("element").has("initial_value")).isFalse();
        String formId = view.path("private_metadata").asText();

        SignedRequests.Answer wrong = requests.submit("alice", formId, SignedRequests.state(Map.of(
                "newServer", SignedRequests.selected("spe-ih-77"), "pfxPassword", SignedRequests.text("pw-Xq7!"))));
        JsonNode errors = JSON.readTree(wrong.body());
        assertThat(errors.path("response_action").asText()).isEqualTo("errors");
        assertThat(errors.path("errors").path("newServer").asText()).contains("'spe-ih-77' is not a host of the inventory");
        assertThat(wrong.body()).doesNotContain("pw-Xq7!");

        SignedRequests.Answer someoneElse = requests.submit("mallory", formId, SignedRequests.state(Map.of(
                "newServer", SignedRequests.selected("spe-ih-01"), "pfxPassword", SignedRequests.text("pw"))));
        assertThat(JSON.readTree(someoneElse.body()).path("errors").toString()).contains("no longer open");

        SignedRequests.Answer right = requests.submit("alice", formId, SignedRequests.state(Map.of(
                "newServer", SignedRequests.selected("spe-ih-01"), "pfxPassword", SignedRequests.text("pw-Xq7!"))));
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).isEmpty();
        FakeSlackApi.Call header = slack.await("chat.postMessage", c -> "C7".equals(c.param("channel")), WAIT);
        assertThat(header.param("thread_ts")).isNull();
        assertThat(header.blocks()).contains("test-move", "oldServer", "spe-ih-02", "newServer", "spe-ih-01",
                "<@UALICE>", "pfxPassword");
        slack.await("chat.postMessage", c -> header.ts().equals(c.param("thread_ts"))
                && c.blocks().contains("ferry:run"), WAIT);
        assertThat(slack.calls()).allSatisfy(call -> assertThat(call.text()).doesNotContain("pw-Xq7!"));
    }

    @Test
    void whenTheFormCannotOpenTheMissingParametersAreNamedInstead() {
        slack.fail("views.open", "expired_trigger_id");

        JsonNode answer = driver.answer("alice", "C1", "start test-move oldServer=spe-ih-02");

        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("blocks").toString()).contains("newServer", "pfxPassword", "expired_trigger_id",
                "Give them as name=value");
        assertThat(slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void aRunIsDrivenFromStartToFinishBySlackRequestsOnly() throws IOException {
        hosts.program("spe-ih-02", ScriptedOutcome.slowOutput("Stop-Service", List.of("Stopping TestRole", "Stopped"),
                Duration.ZERO));
        String run = driver.start("alice", "C1", "start test-move oldServer=spe-ih-02 newServer=spe-ih-01"
                + " pfxPassword=Sup3r-S3cret mfaEnabled=true");

        FakeSlackApi.Call header = slack.await("chat.postMessage", c -> c.param("thread_ts") == null
                && c.blocks().contains("Run " + run + " "), WAIT);
        assertThat(header.param("channel")).isEqualTo("C1");
        String thread = header.ts();

        FakeSlackApi.Call mfa = driver.stepMessage(run, "Disable MFA for administrators");
        assertThat(mfa.param("thread_ts")).isEqualTo(thread);
        assertThat(buttons(mfa)).containsExactly("ferry:done=" + run + ":disable-mfa:1", "ferry:skip=" + run
                + ":disable-mfa:1", "ferry:abort=" + run + ":disable-mfa:1");
        assertThat(mfa.blocks()).contains("Disable MFA in the Management Console.", "Step 1/4");

        driver.press("alice", mfa, "ferry:done");
        FakeSlackApi.Call mfaDone = slack.await("chat.update", c -> c.param("ts").equals(mfa.ts())
                && c.blocks().contains("done · by alice"), WAIT);
        assertThat(buttons(mfaDone)).isEmpty();

        FakeSlackApi.Call stop = driver.stepMessage(run, "Stop the service on the old server");
        assertThat(stop.param("thread_ts")).isEqualTo(thread);
        assertThat(buttons(stop)).containsExactly("ferry:run=" + run + ":stop-service:1",
                "ferry:skip=" + run + ":stop-service:1", "ferry:abort=" + run + ":stop-service:1");
        assertThat(stop.blocks()).contains("powershell on spe-ih-02", "This stops production.",
                "```", "Stop-Service -Name 'TestRole' -ErrorAction Stop", "$pfxPassword = '********'");

        driver.press("bob", stop, "ferry:run");
        FakeSlackApi.Call stopped = slack.await("chat.update", c -> c.param("ts").equals(stop.ts())
                && c.blocks().contains("succeeded"), WAIT);
        assertThat(stopped.blocks()).contains("exit code 0", "Started by bob at", "Stopping TestRole");
        assertThat(buttons(stopped)).isEmpty();

        FakeSlackApi.Call check = driver.stepMessage(run, "Verify the service is stopped");
        assertThat(check.param("thread_ts")).isEqualTo(thread);
        FakeSlackApi.Call look = driver.stepMessage(run, "Look at the dashboard");
        driver.press("alice", look, "ferry:done");

        slack.await("chat.update", c -> c.param("ts").equals(thread) && c.blocks().contains("finished")
                && c.blocks().contains("4/4 steps"), WAIT);
        assertThat(hosts.executions()).extracting(SimulatedConnector.Execution::host)
                .containsExactly("spe-ih-02", "spe-ih-02");
        assertThat(slack.calls("chat.postEphemeral")).isEmpty();
        assertThat(slack.calls()).allSatisfy(call -> assertThat(call.text()).doesNotContain("Sup3r-S3cret"));
    }

    @Test
    void withoutAnOnCallGroupAnApprovalMentionsNobodyAndSlackIsNotAskedForGroups() {
        String run = driver.start("alice", "C1", "start test-approval server=spe-ih-01");
        FakeSlackApi.Call announce = driver.stepMessage(run, "Announce the maintenance window");
        assertThat(buttons(announce)).contains("ferry:approve=" + run + ":announce:1");

        driver.press("bob", announce, "ferry:approve");
        slack.await("chat.update", c -> c.param("ts").equals(announce.ts())
                && c.blocks().contains("approved by bob (asked by alice)"), WAIT);
        assertThat(driver.answer("alice", "C1", "abort " + run).path("text").asText()).contains("pressed Abort");
        slack.await("chat.update", c -> c.param("ts").equals(announce.param("thread_ts"))
                && c.blocks().contains("aborted"), WAIT);

        assertThat(slack.calls("chat.postMessage")).noneSatisfy(c -> assertThat(c.text()).contains("subteam"));
        assertThat(slack.calls("usergroups.list")).isEmpty();
        assertThat(slack.calls("chat.postEphemeral")).isEmpty();
    }

    @Test
    void thePressDeliveredTwiceIsAcknowledgedTwiceAndActedOnOnce() throws Exception {
        String run = driver.start("alice", "C1", "start test-idempotent server=spe-ih-01");
        FakeSlackApi.Call step = driver.stepMessage(run, "Update the address lists");
        String body = requests.pressBody("alice", "C1", step.param("thread_ts"), step.ts(), "ferry:run",
                run + ":update-lists:1");
        long now = SignedRequests.now();

        assertThat(requests.send(body, now, null).statusCode()).isEqualTo(200);
        assertThat(requests.send(body, now, null).statusCode()).isEqualTo(200);

        slack.await("chat.update", c -> c.param("ts").equals(step.ts()) && c.blocks().contains("succeeded"), WAIT);
        PoolBarrier.drain(slackWork, settings.workers());
        // The repeat never reached the dispatcher: nobody is told "someone else pressed first".
        assertThat(slack.calls("chat.postEphemeral")).isEmpty();
        assertThat(hosts.executions()).filteredOn(e -> e.script().contains("Update-AddressList")).hasSize(1);
    }

    @Test
    void theSameSignedStartSentTwiceStartsOneRunAndIsAnsweredOnce() throws Exception {
        int runsBefore = runs();
        String url = slack.responseUrl("twice-" + System.nanoTime());
        String body = requests.commandBody("alice", "C1", "start test-idempotent server=spe-ih-01", url);
        long now = SignedRequests.now();

        SignedRequests.Answer first = requests.send(body, now, null);
        SignedRequests.Answer again = requests.send(body, now, null);

        assertThat(List.of(first, again)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEmpty();
        });
        String answer = slack.await("respond", c -> url.equals(c.param("response_url")), WAIT).answer();
        assertThat(answer).contains("Started run");
        slack.await("chat.postMessage", c -> c.param("thread_ts") == null && c.ts() != null, WAIT);
        PoolBarrier.drain(slackWork, settings.workers());
        assertThat(runs()).isEqualTo(runsBefore + 1);
        assertThat(slack.calls("respond")).filteredOn(c -> url.equals(c.param("response_url"))).hasSize(1);
        assertThat(slack.calls("chat.postMessage")).filteredOn(c -> c.param("thread_ts") == null).hasSize(1);
    }

    @Test
    void theStartFormSubmittedTwiceStartsOneRun() throws Exception {
        int runsBefore = runs();
        requests.command("alice", "C3", "start test-move oldServer=spe-ih-02");
        String formId = slack.await("views.open", c -> true, WAIT).json("view").path("private_metadata").asText();
        String body = requests.submitBody("alice", "ferry-start", formId, SignedRequests.state(Map.of(
                "newServer", SignedRequests.selected("spe-ih-01"), "pfxPassword", SignedRequests.text("pw-Xq7!"))));
        long now = SignedRequests.now();

        SignedRequests.Answer first = requests.send(body, now, null);
        SignedRequests.Answer again = requests.send(body, now, null);

        assertThat(List.of(first, again)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).as("the form closes; no error beside a field").isEmpty();
        });
        slack.await("chat.postMessage", c -> "C3".equals(c.param("channel")) && c.param("thread_ts") == null, WAIT);
        PoolBarrier.drain(slackWork, settings.workers());
        assertThat(runs()).isEqualTo(runsBefore + 1);
        assertThat(slack.calls("chat.postEphemeral")).isEmpty();
    }

    @Test
    void timestampsMoreThanFiveMinutesFromNowEitherWayAreRefusedBeforeBoltIsAsked() throws Exception {
        String body = requests.commandBody("mallory", "C1", "start test-idempotent server=spe-ih-01");
        long now = SignedRequests.now();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger window = (Logger) LoggerFactory.getLogger(TimestampWindow.class);
        logged.start();
        window.addAppender(logged);
        SignedRequests.Answer ahead;
        SignedRequests.Answer behind;
        try {
            ahead = requests.send(body, now + 400, requests.sign(now + 400, body));
            behind = requests.send(body, now - 400, requests.sign(now - 400, body));
        } finally {
            window.detachAppender(logged);
        }

        assertThat(ahead.statusCode()).isEqualTo(401);
        assertThat(ahead.body()).startsWith("X-Slack-Request-Timestamp is more than 5 minutes ahead of Ferry's clock.");
        assertThat(behind.statusCode()).isEqualTo(401);
        assertThat(behind.body()).startsWith("X-Slack-Request-Timestamp is more than 5 minutes behind Ferry's clock.");
        assertThat(List.of(ahead.body(), behind.body())).allSatisfy(text -> assertThat(text).doesNotContain("Exception"));
        assertThat(logged.list).hasSize(2).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).contains("/slack/events").doesNotContain("mallory", "test-idempotent");
        });

        // The refused ones were not taken as deliveries: the same body, signed 200 s ahead, is accepted and acted on.
        SignedRequests.Answer near = requests.send(body, now + 200, requests.sign(now + 200, body));
        assertThat(near.statusCode()).isEqualTo(200);
        slack.await("chat.postMessage", c -> c.param("thread_ts") == null && c.ts() != null, WAIT);
        PoolBarrier.drain(slackWork, settings.workers());
        assertThat(slack.calls("chat.postMessage")).filteredOn(c -> c.param("thread_ts") == null).hasSize(1);
    }

    @Test
    void ofTwoPeoplePressingAtOnceOneWinsAndTheOtherIsTold() throws Exception {
        String run = driver.start("alice", "C1", "start test-idempotent server=spe-ih-01");
        FakeSlackApi.Call step = driver.stepMessage(run, "Update the address lists");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService people = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> presses = new ArrayList<>();
            for (String person : List.of("dave", "erin")) {
                presses.add(people.submit(() -> {
                    go.await();
                    return requests.press(person, "C1", step.param("thread_ts"), step.ts(), "ferry:run",
                            run + ":update-lists:1").statusCode();
                }));
            }
            go.countDown();
            for (Future<Integer> press : presses) {
                assertThat(press.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            people.shutdownNow();
        }

        FakeSlackApi.Call told = slack.await("chat.postEphemeral", c -> true, WAIT);
        slack.await("chat.update", c -> c.param("ts").equals(step.ts()) && c.blocks().contains("succeeded"), WAIT);
        String loser = told.param("user");
        String winner = loser.equals("UDAVE") ? "erin" : "dave";
        assertThat(loser).isIn("UDAVE", "UERIN");
        assertThat(told.param("text") + told.blocks()).containsAnyOf("Someone else pressed first", "is running",
                "is not a button of step", "now waits on step 2");
        assertThat(slack.calls("chat.update")).filteredOn(c -> c.param("ts").equals(step.ts()))
                .anySatisfy(c -> assertThat(c.blocks()).contains("started by " + winner));
        assertThat(slack.calls("chat.postEphemeral")).hasSize(1);
        assertThat(hosts.executions()).filteredOn(e -> e.script().contains("Update-AddressList")).hasSize(1);
    }

    @Test
    void whenSlackIsDownTheRunGoesOnAndResumePostsItAgain() throws IOException {
        slack.fail("chat.postMessage", "service_unavailable");
        String run = driver.start("alice", "C1", "start test-idempotent server=spe-ih-01");
        slack.await("chat.postMessage", c -> c.param("thread_ts") == null && "C1".equals(c.param("channel")), WAIT);
        // Told by direct message, which fails too while Slack is down; Ferry logs it and carries on.
        slack.await("chat.postMessage", c -> "UALICE".equals(c.param("channel")), WAIT);

        slack.recover();
        JsonNode resumed = driver.answer("alice", "C1", "resume " + run);

        assertThat(resumed.path("text").asText()).contains("Run " + run + " resumed by alice");
        FakeSlackApi.Call header = slack.await("chat.postMessage", c -> c.param("thread_ts") == null
                && c.ts() != null && c.blocks().contains("Run " + run + " "), WAIT);
        FakeSlackApi.Call step = slack.await("chat.postMessage", c -> c.ts() != null
                && c.blocks().contains(run + ":update-lists:1"), WAIT);
        assertThat(step.param("thread_ts")).isEqualTo(header.ts());
    }

    @Test
    void resumePostsTheCurrentStepAgainAtTheEndOfTheThreadAndTheLastLineSaysHowTheRunEnded() {
        String run = driver.start("alice", "C1", "start test-idempotent server=spe-ih-01");
        FakeSlackApi.Call first = driver.stepMessage(run, "Update the address lists");
        String thread = first.param("thread_ts");

        assertThat(driver.answer("alice", "C1", "resume " + run).path("text").asText()).contains("resumed by alice");

        FakeSlackApi.Call again = slack.await("chat.postMessage", c -> thread.equals(c.param("thread_ts"))
                && !c.ts().equals(first.ts()) && c.blocks().contains(run + ":update-lists:1"), WAIT);
        FakeSlackApi.Call retired = slack.await("chat.update", c -> c.param("ts").equals(first.ts())
                && c.blocks().contains("shown again below"), WAIT);
        assertThat(buttons(retired)).isEmpty();
        driver.press("alice", again, "ferry:run");
        slack.await("chat.update", c -> c.param("ts").equals(again.ts()) && c.blocks().contains("succeeded"), WAIT);
        driver.press("alice", driver.stepMessage(run, "Move things"), "ferry:run");

        FakeSlackApi.Call last = slack.await("chat.postMessage", c -> thread.equals(c.param("thread_ts"))
                && c.param("text").startsWith("Run " + run + " "), WAIT);
        assertThat(last.param("text")).isEqualTo("Run " + run + " finished · 2 succeeded.");
    }

    @Test
    void aRunningScriptShowsItsNewestOutputBeforeItsResult() {
        hosts.program("spe-ih-01", ScriptedOutcome.slowOutput("Update-AddressList",
                List.of("Updating All Contacts", "Still updating", "Updated"), Duration.ofMillis(400)));
        String run = driver.start("alice", "C1", "start test-idempotent server=spe-ih-01");
        FakeSlackApi.Call step = driver.stepMessage(run, "Update the address lists");

        driver.press("alice", step, "ferry:run");

        FakeSlackApi.Call live = slack.await("chat.update", c -> c.param("ts").equals(step.ts())
                && c.blocks().contains("running") && c.blocks().contains("Updating All Contacts"), WAIT);
        assertThat(live.blocks()).doesNotContain("Updated\\n");
        FakeSlackApi.Call done = slack.await("chat.update", c -> c.param("ts").equals(step.ts())
                && c.blocks().contains("succeeded"), WAIT);
        assertThat(done.blocks()).contains("Updated");
        List<FakeSlackApi.Call> edits = slack.calls("chat.update").stream()
                .filter(c -> c.param("ts").equals(step.ts())).toList();
        assertThat(edits.get(edits.size() - 1).blocks()).contains("succeeded");
        assertThat(edits.size()).isLessThan(8);
    }

    @Test
    void anOutputLongerThanAMessageIsUploadedToTheThread() {
        List<String> lines = IntStream.rangeClosed(1, 400).mapToObj(i -> "line " + i + " of a long report").toList();
        hosts.program("spe-ih-01", ScriptedOutcome.slowOutput("Update-AddressList", lines, Duration.ZERO));
        String run = driver.start("alice", "C1", "start test-idempotent server=spe-ih-01");
        FakeSlackApi.Call step = driver.stepMessage(run, "Update the address lists");

        driver.press("alice", step, "ferry:run");

        FakeSlackApi.Call done = slack.await("chat.update", c -> c.param("ts").equals(step.ts())
                && c.blocks().contains("succeeded"), WAIT);
        assertThat(done.blocks()).contains("line 400 of a long report", "all of it is in the file")
                .doesNotContain("line 1 of a long report");
        FakeSlackApi.Call url = slack.await("files.getUploadURLExternal", c -> true, WAIT);
        assertThat(url.param("filename")).isEqualTo(run + "-update-lists-attempt-1.txt");
        FakeSlackApi.Call bytes = slack.await("upload", c -> true, WAIT);
        assertThat(bytes.body()).contains("line 1 of a long report", "line 400 of a long report");
        FakeSlackApi.Call complete = slack.await("files.completeUploadExternal", c -> true, WAIT);
        assertThat(complete.param("channel_id")).isEqualTo("C1");
        assertThat(complete.param("thread_ts")).isEqualTo(step.param("thread_ts"));
    }

    private int runs() {
        return jdbc.sql("SELECT COUNT(*) FROM run").query(Integer.class).single();
    }

    private JsonNode pressAnswer(String user, String value, String actionId) {
        requests.press(user, "C1", "1.1", "1.2", actionId, value);
        FakeSlackApi.Call told = slack.await("chat.postEphemeral", c -> c.param("user").equals("U" + user.toUpperCase()), WAIT);
        return JSON.createObjectNode().put("text", told.param("text")).put("blocks", told.blocks());
    }

    private static Map<String, JsonNode> fields(JsonNode view) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        StreamSupport.stream(view.path("blocks").spliterator(), false)
                .filter(b -> b.path("type").asText().equals("input"))
                .forEach(b -> out.put(b.path("block_id").asText(), b));
        return out;
    }
}
