package dev.ferry.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryTest;
import dev.ferry.access.Actor;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Reply;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code /migrate schedule …} through the one door from chat, on the application's Quartz and H2. */
@FerryTest
class ScheduleCommandsTest {

    private static final Actor ALICE = new Actor("console", "alice", "alice");
    private static final String ADD = "schedule add test-scheduled host=spe-ih-01 scope=all cron=\"0 0 2 * * ?\""
            + " tz=Europe/Berlin channel=console";

    @Autowired
    CommandDispatcher dispatcher;
    @Autowired
    ScheduleCommands schedules;
    @Autowired
    ScheduleReadModel readModel;
    @Autowired
    Scheduler scheduler;

    @AfterEach
    void removeAll() {
        readModel.list().forEach(s -> schedules.remove(s.schedule().id(), ALICE));
    }

    @Test
    void addListPauseResumeAndRemove() throws Exception {
        Reply added = dispatcher.dispatch(ADD, ALICE, "console");
        assertThat(added.error()).as(added.plainText()).isFalse();
        String id = readModel.list().get(0).schedule().id();
        assertThat(added.plainText()).contains("Scheduled " + id + " by alice",
                "test-scheduled scope=all on spe-ih-01",
                "when: every day at 02:00 (0 0 2 * * ?), time zone Europe/Berlin · posts to console (console)",
                "next: ", "last: has not fired yet");

        CronTrigger trigger = (CronTrigger) scheduler.getTrigger(QuartzTriggers.triggerKey(id));
        assertThat(trigger.getCronExpression()).isEqualTo("0 0 2 * * ?");
        assertThat(trigger.getTimeZone()).isEqualTo(TimeZone.getTimeZone("Europe/Berlin"));
        assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        JobDetail job = scheduler.getJobDetail(QuartzTriggers.jobKey(id));
        assertThat(job.requestsRecovery()).isTrue();
        assertThat(job.isConcurrentExecutionDisallowed()).isTrue();
        assertThat(job.getJobDataMap().getString("scheduleId")).isEqualTo(id);

        String list = text("schedule list");
        assertThat(list).contains("Schedules (1):", "• " + id + " — test-scheduled scope=all on spe-ih-01",
                "every day at 02:00");
        assertThat(list.lines().filter(l -> l.startsWith("  next: ")).findFirst().orElseThrow())
                .matches("  next: (\\w{3} \\d{4}-\\d\\d-\\d\\d 02:00 CES?T(, )?){3}");

        assertThat(text("schedule pause " + id)).contains(id + " paused by alice");
        assertThat(scheduler.getTriggerState(QuartzTriggers.triggerKey(id))).isEqualTo(Trigger.TriggerState.PAUSED);
        assertThat(text("schedule list")).contains("· PAUSED", "next: none while paused");
        assertThat(error("schedule pause " + id)).contains(id + " is paused already");

        assertThat(text("schedule resume " + id)).contains(id + " resumed by alice; it fires next at ", "02:00");
        assertThat(scheduler.getTriggerState(QuartzTriggers.triggerKey(id))).isEqualTo(Trigger.TriggerState.NORMAL);
        assertThat(error("schedule resume " + id)).contains(id + " is not paused");

        assertThat(text("schedule remove " + id)).contains(id + " removed by alice");
        assertThat(scheduler.checkExists(QuartzTriggers.jobKey(id))).isFalse();
        assertThat(text("schedule list")).contains("No schedules.");
        assertThat(error("schedule run-now " + id)).contains("There is no schedule " + id);
    }

    @Test
    void badInputGetsOneClearAnswerNamingTheFieldAndNothingIsStored() {
        assertThat(error(ADD.replace("0 0 2 * * ?", "0 2 * * *")))
                .contains("cron: '0 2 * * *' is not a Quartz cron expression",
                        "write seconds minutes hours day-of-month month day-of-week");
        assertThat(error(ADD.replace("0 0 2 * * ?", "0 0 2 1 1 ? 2020"))).contains("cron: '0 0 2 1 1 ? 2020' never fires");
        assertThat(error(ADD.replace("Europe/Berlin", "Europe/Berln")))
                .contains("tz: 'Europe/Berln' is not a time zone; use a region id such as Europe/Berlin");
        assertThat(error(ADD.replace("Europe/Berlin", "Europe/" + "x".repeat(200))))
                .contains("tz: 'Europe/xxxx", "…' (207 characters) is not a time zone").doesNotContain("x".repeat(61));
        assertThat(error(ADD.replace("test-scheduled", "test\u0007sched")))
                .contains("procedure: there is no procedure 'test\\u0007sched'");
        assertThat(error(ADD.replace("host=spe-ih-01", "host=ex2099")))
                .contains("host: 'ex2099' is not a host of the inventory");
        assertThat(error(ADD.replace("test-scheduled", "test-schedule")))
                .contains("procedure: there is no procedure 'test-schedule'");
        assertThat(error(ADD.replace(" channel=console", ""))).contains("channel: is missing; give the channel");
        assertThat(error(ADD + " platform=teams")).contains("platform: 'teams' is not a platform");
        assertThat(error(ADD.replace("scope=all", "scope=some"))).contains("scope: 'some' is not one of all, named");
        assertThat(error(ADD.replace("scope=all", "scope=named lists=A")))
                .contains("procedure: step 3 'tell-the-users' of test-scheduled is manual: nobody is there to press Done");
        assertThat(error(ADD + " server=spe-ih-02")).contains("host: host=spe-ih-01 and server=spe-ih-02 disagree");
        assertThat(error("schedule add test-move host=spe-ih-01 cron=\"0 0 2 * * ?\" channel=console"))
                .contains("host: test-move has several host parameters (oldServer, newServer); name each instead");
        assertThat(error("schedule add test-move oldServer=spe-ih-01 newServer=spe-ih-02 pfxPassword=x"
                + " cron=\"0 0 2 * * ?\" channel=console"))
                .contains("pfxPassword: is a secret; a schedule would have to store it", "Ferry never stores secrets")
                .doesNotContain("=x");
        assertThat(error("schedule")).contains("/migrate schedule needs what to do");
        assertThat(error("schedule frob")).contains("'frob' is not a schedule command");
        assertThat(error("schedule add")).contains("/migrate schedule add needs a procedure");
        assertThat(error("schedule pause")).contains("Name the schedule, e.g. S1");
        assertThat(error("schedule remove S999")).contains("There is no schedule S999");
        assertThat(error("schedule list now")).contains("takes nothing more");

        assertThat(readModel.list()).isEmpty();
        for (String line : error(ADD.replace("Europe/Berlin", "Nowhere")).lines().toList()) {
            assertThat(line).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void theHelpListsTheScheduleCommandsAndAnEchoedAddKeepsItsValues() {
        assertThat(text("help")).contains("/migrate schedule list", "/migrate schedule add <procedure> host=<host>",
                "pause|resume|remove|run-now <id>");
        assertThat(dispatcher.redact(ADD.replace("scope=all", "scope=all lists=\"All Contacts\"")))
                .contains("cron=\"0 0 2 * * ?\"", "host=spe-ih-01", "lists=\"All Contacts\"");
        assertThat(dispatcher.redact("schedule add test-move pfxPassword=hunter2 cron=\"0 0 2 * * ?\""))
                .doesNotContain("hunter2");
    }

    private String text(String command) {
        Reply reply = dispatcher.dispatch(command, ALICE, "console");
        assertThat(reply.error()).as(reply.plainText()).isFalse();
        return reply.plainText();
    }

    private String error(String command) {
        Reply reply = dispatcher.dispatch(command, ALICE, "console");
        assertThat(reply.error()).as(reply.plainText()).isTrue();
        return reply.plainText();
    }
}
