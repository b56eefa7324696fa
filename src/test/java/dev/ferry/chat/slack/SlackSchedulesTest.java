package dev.ferry.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.run.RunEngine;
import dev.ferry.run.WaitingStep;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Reminders in Slack, driven by signed slash commands through the real Bolt app: a run of the built-in
 * galsync-update that waits too long gets a reminder in its thread, and an escalation calls the on-call group.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:ferry-slack-schedules-test;DB_CLOSE_DELAY=-1",
        "ferry.slack.on-call-mention=" + SlackSchedulesTest.ON_CALL,
        "ferry.access.roles.operator.slack-users=UALICE"})
class SlackSchedulesTest extends SlackOverHttp {

    static final String ON_CALL = "S0ONCALL";

    @Autowired
    RunEngine engine;

    @DynamicPropertySource
    static void builtInProcedures(DynamicPropertyRegistry registry) {
        registry.add("ferry.procedures.directory", () -> "config/procedures");
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
}
