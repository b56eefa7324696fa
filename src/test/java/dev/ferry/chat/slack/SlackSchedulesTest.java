package dev.ferry.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.connector.ScriptedOutcome;
import dev.ferry.run.RunEngine;
import dev.ferry.run.WaitingStep;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Schedules and reminders in Slack, driven by signed slash commands through the real Bolt app: a schedule of the
 * built-in galsync-update posts each fire's start as a message in the schedule's channel and its result as a reply
 * in that message's thread (a failure calling the on-call group, a long output as a file); a run that waits too
 * long gets a reminder in its thread, and an escalation calls the on-call group.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:ferry-slack-schedules-test;DB_CLOSE_DELAY=-1",
        "ferry.slack.on-call-mention=" + SlackSchedulesTest.ON_CALL,
        "ferry.access.roles.admin.slack-users=UALICE",
        "ferry.access.roles.operator.slack-users=UALICE"})
class SlackSchedulesTest extends SlackOverHttp {

    static final String ON_CALL = "S0ONCALL";
    private static final String CHANNEL = "CSCHED";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SCHEDULED = Pattern.compile("Scheduled (S\\d+)");

    @Autowired
    RunEngine engine;

    @DynamicPropertySource
    static void builtInProcedures(DynamicPropertyRegistry registry) {
        registry.add("ferry.procedures.directory", () -> "config/procedures");
    }

    @Test
    void eachFireStartsAMessageInTheSchedulesChannelAndRepliesWithItsResultInTheThread() throws IOException {
        String schedule = add();
        List<String> report = IntStream.rangeClosed(1, 300).mapToObj(i -> "Provisioned contact " + i + " of FromMIIS")
                .toList();
        hosts.program("ex2007-a", ScriptedOutcome.slowOutput("FromMIIS", report, Duration.ZERO));

        assertThat(text(answer("alice", "C1", "schedule run-now " + schedule))).contains(schedule + " runs now");

        FakeSlackApi.Call started = fireMessage(schedule, "started by run-now, asked by alice");
        assertThat(started.blocks()).contains("Finish provisioning GALSync recipients", "update-frommiis on ex2007-a")
                .doesNotContain("subteam");
        FakeSlackApi.Call succeeded = reply(started, "succeeded after");
        assertThat(succeeded.blocks()).contains("exit code 0", "all of it is in the file in this thread",
                "Provisioned contact 300 of FromMIIS").doesNotContain("subteam");
        FakeSlackApi.Call url = slack.await("files.getUploadURLExternal", c -> true, WAIT);
        assertThat(url.param("filename")).matches(schedule + "-galsync-update-fire-\\d+\\.log");
        assertThat(slack.await("upload", c -> true, WAIT).body()).contains("Provisioned contact 1 of FromMIIS",
                "Provisioned contact 300 of FromMIIS");
        FakeSlackApi.Call complete = slack.await("files.completeUploadExternal", c -> true, WAIT);
        assertThat(complete.param("channel_id")).isEqualTo(CHANNEL);
        assertThat(complete.param("thread_ts")).isEqualTo(started.ts());

        hosts.program("ex2007-a", ScriptedOutcome.failure("FromMIIS", 3, "The OU FromMIIS was not found."));
        answer("alice", "C1", "schedule run-now " + schedule);

        FakeSlackApi.Call again = slack.await("chat.postMessage", c -> CHANNEL.equals(c.param("channel"))
                && c.param("thread_ts") == null && !c.ts().equals(started.ts()), WAIT);
        FakeSlackApi.Call failed = reply(again, "FAILED after");
        assertThat(failed.param("text")).startsWith("<!subteam^" + ON_CALL + "> " + schedule + " · galsync-update");
        assertThat(failed.blocks()).contains("<!subteam^" + ON_CALL + ">", "exit code 3", "step update-frommiis",
                "The OU FromMIIS was not found.");
        assertThat(slack.calls("chat.postMessage")).filteredOn(c -> CHANNEL.equals(c.param("channel"))).hasSize(4);
        assertThat(slack.calls()).allSatisfy(call -> assertThat(call.text()).doesNotContain("xoxb-", "\tat "));
    }

    @Test
    void aStepWaitingTooLongIsRemindedInItsThreadThenEscalatedToTheOnCallGroup() {
        String run = driver.start("alice", "C1", "start galsync-update exchangeServer=ex2007-a scope=frommiis");
        FakeSlackApi.Call step = driver.stepMessage(run, "Finish provisioning the contacts in the FromMIIS OU");
        String thread = step.param("thread_ts");
        WaitingStep waiting = engine.waitingLongerThan(Duration.ZERO).stream()
                .filter(w -> w.run().id().equals(run)).findFirst().orElseThrow();

        assertThat(engine.remind(waiting, false)).isTrue();
        FakeSlackApi.Call reminder = slack.await("chat.postMessage", c -> thread.equals(c.param("thread_ts"))
                && c.param("text").contains("has waited"), WAIT);
        assertThat(reminder.param("text")).contains(run + " · step 3 'update-frommiis' has waited",
                "for a press (waiting)", "run started by <@UALICE>", "Press Run · Skip · Abort")
                .doesNotContain("subteam", "Escalated");
        assertThat(reminder.param("channel")).isEqualTo("C1");

        assertThat(engine.remind(waiting, true)).isTrue();
        FakeSlackApi.Call escalation = slack.await("chat.postMessage", c -> thread.equals(c.param("thread_ts"))
                && c.param("text").contains("Escalated"), WAIT);
        assertThat(escalation.param("text")).startsWith("<!subteam^" + ON_CALL + "> ")
                .contains(run + " · step 3 'update-frommiis' has waited");

        driver.answer("alice", "C1", "abort " + run);
    }

    private String add() throws IOException {
        String text = text(answer("alice", "C1", "schedule add galsync-update host=ex2007-a scope=frommiis"
                + " cron=\"0 0 2 * * ?\" tz=UTC channel=" + CHANNEL));
        Matcher matcher = SCHEDULED.matcher(text);
        assertThat(matcher.find()).as("a schedule added in %s", text).isTrue();
        return matcher.group(1);
    }

    /** The first message of a fire of {@code schedule} in the schedule's channel, found by its headline. */
    private FakeSlackApi.Call fireMessage(String schedule, String words) {
        FakeSlackApi.Call message = slack.await("chat.postMessage", c -> CHANNEL.equals(c.param("channel"))
                && c.param("text").startsWith(schedule + " · galsync-update · fire ") && c.param("text").contains(words),
                WAIT);
        assertThat(message.param("thread_ts")).isNull();
        return message;
    }

    private FakeSlackApi.Call reply(FakeSlackApi.Call first, String words) {
        return slack.await("chat.postMessage", c -> first.ts().equals(c.param("thread_ts"))
                && c.param("text").contains(words), WAIT);
    }

    /**
     * The answer to a command: in the acknowledgement when Ferry was quick, else through the response URL.
     */
    private JsonNode answer(String user, String channel, String text) throws IOException {
        String url = slack.responseUrl("t" + System.nanoTime());
        SignedRequests.Answer ack = requests.command(user, channel, text, url);
        assertThat(ack.statusCode()).isEqualTo(200);
        return ack.body().isEmpty() ? slack.await("respond", c -> url.equals(c.param("response_url")), WAIT).json(null)
                : JSON.readTree(ack.body());
    }

    private static String text(JsonNode answer) {
        return answer.path("text").asText() + "\n" + answer.path("blocks");
    }
}
