package dev.ferry.chat.discord;

import static dev.ferry.chat.discord.DiscordFixture.edited;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.access.Actor;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Deliveries;
import dev.ferry.chat.MessageRefs;
import dev.ferry.chat.discord.DiscordEvents.Person;
import dev.ferry.connector.ScriptedOutcome;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.run.RunEngine;
import dev.ferry.run.WaitingStep;
import dev.ferry.schedule.ScheduleNotices;
import dev.ferry.schedule.ScheduleCommands;
import dev.ferry.schedule.ScheduleReadModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Schedules that post to Discord and reminders of waiting steps, driven by interactions (mocked JDA events) against
 * the real dispatcher, engine, Quartz and H2; what Ferry posts is read off the recording Discord.
 */
@DiscordRolesTest
class DiscordSchedulesTest {

    private static final String SCHEDULES = "900000000000000005";
    private static final Person ERIN = new Person("100000000000000005", "erin", DiscordRolesTest.ADMINS);
    private static final Person ALICE = new Person("100000000000000001", "alice", DiscordRolesTest.OPERATORS);
    private static final String ON_CALL = DiscordRolesTest.ON_CALL;
    private static final Pattern SCHEDULED = Pattern.compile("Scheduled (S\\d+)");
    private static final Pattern STARTED = Pattern.compile("Started run (R\\d+)");

    @Autowired
    CommandDispatcher dispatcher;
    @Autowired
    RunEngine engine;
    @Autowired
    MessageRefs refs;
    @Autowired
    Deliveries deliveries;
    @Autowired
    SimulatedConnector hosts;
    @Autowired
    ScheduleCommands schedules;
    @Autowired
    ScheduleReadModel readModel;
    @Autowired
    ScheduleNotices notices;

    private DiscordFixture fixture;
    private RecordingPosts discord;

    @BeforeEach
    void connect() {
        hosts.reset();
        fixture = new DiscordFixture(dispatcher, engine, refs, deliveries, ON_CALL);
        fixture.followSchedules(notices);
        discord = fixture.discord;
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        readModel.list().forEach(s -> schedules.remove(s.schedule().id(), new Actor("discord", ERIN.id(), "erin")));
        fixture.close();
    }

    @Test
    void aFireStartsAMessageInTheSchedulesChannelAndItsResultFollowsInAThreadFromIt() throws Exception {
        String id = add();
        String fire = id + " · test-scheduled · fire ";

        String answer = slash("schedule", Map.of("action", "run-now", "arguments", id), ERIN);
        assertThat(answer).contains(id + " runs now, as asked by erin");

        RecordingPosts.Shown started = await(m -> m.content().contains(fire) && m.content().contains(": started"));
        RecordingPosts.Shown succeeded = await(m -> m.content().contains(": succeeded after"));
        assertThat(started.channel()).isEqualTo(SCHEDULES);
        assertThat(started.thread()).isNull();
        assertThat(started.content()).contains(": started by run-now, asked by erin — Update test address lists:"
                + " update, count on ex2007-a.");
        assertThat(succeeded.channel()).isEqualTo(SCHEDULES);
        assertThat(succeeded.thread()).isNotNull();
        String threadName = discord.threads().get(succeeded.thread());
        assertThat(threadName).matches(id + " · test-scheduled · fire \\d+");
        assertThat(started.content()).startsWith("◷ " + threadName + ": started");
        assertThat(succeeded.content()).startsWith("◷ " + threadName + ": succeeded after");
        assertThat(succeeded.content()).contains("exit code 0", "── step count on ex2007-a");
        assertThat(succeeded.files()).isEmpty();
        assertThat(List.of(started, succeeded)).allSatisfy(m -> {
            assertThat(m.mentionTypes()).isEmpty();
            assertThat(m.mentionRoles()).isEmpty();
        });
        assertThat(discord.calls()).containsExactly("post " + SCHEDULES, "thread " + threadName,
                "post " + succeeded.thread());
    }

    @Test
    void aFailedFireCallsTheOnCallRoleAloneAndAttachesALongOutput() throws Exception {
        List<String> lines = IntStream.rangeClosed(1, 60).mapToObj(i -> "address list " + i + " of 60: updating the"
                + " recipients").toList();
        hosts.program("ex2007-a", new ScriptedOutcome(Pattern.compile("Update-AddressList"), 3, lines,
                "Access is denied.", null, null));
        String id = add();

        slash("schedule", Map.of("action", "run-now", "arguments", id), ERIN);
        RecordingPosts.Shown failed = await(m -> m.content().contains(": FAILED after"));

        assertThat(failed.thread()).isNotNull();
        assertThat(failed.content()).startsWith("<@&" + ON_CALL + "> ◷ " + id + " · test-scheduled · fire ")
                .contains("exit code 3", "step update", "Access is denied.", "address list 60 of 60")
                .hasSizeLessThanOrEqualTo(2000);
        assertThat(failed.mentionTypes()).isEmpty();
        assertThat(failed.mentionRoles()).containsExactly(ON_CALL);
        // The whole output is a message of its own in the fire's thread, carrying the file and notifying nobody.
        assertThat(failed.files()).isEmpty();
        assertThat(failed.content()).contains("is in this fire's thread as " + id + "-test-scheduled-fire-");
        RecordingPosts.Shown file = await(m -> !m.files().isEmpty());
        assertThat(file.thread()).isEqualTo(failed.thread());
        assertThat(file.files()).singleElement().asString().matches(id + "-test-scheduled-fire-\\d+\\.log");
        assertThat(file.mentionTypes()).isEmpty();
        assertThat(file.mentionRoles()).isEmpty();
    }

    @Test
    void aStepThatWaitsTooLongIsRemindedInItsThreadAndAnEscalationCallsTheOnCallRole() throws Exception {
        SlashCommandInteractionEvent start = DiscordEvents.slash("start",
                Map.of("procedure", "test-approval", "parameters", "server=spe-ih-01"), ALICE);
        fixture.router.onEvent(start);
        Matcher matcher = STARTED.matcher(edited(start.getHook()).getContent());
        assertThat(matcher.find()).isTrue();
        String runId = matcher.group(1);
        fixture.settle(runId);
        String thread = fixture.threadOf(runId);
        WaitingStep waiting = waiting(runId);

        assertThat(engine.remind(waiting, false)).isTrue();
        fixture.settle(runId);
        RecordingPosts.Shown reminder = newest(thread);
        assertThat(reminder.content()).startsWith("⏰ " + runId + " · step 1 'announce' has waited ")
                .endsWith(" for an approval (awaiting approval), run started by alice. Its buttons are on the step's"
                        + " message above.");
        assertThat(reminder.mentionRoles()).isEmpty();
        assertThat(reminder.mentionTypes()).isEmpty();

        assertThat(engine.remind(waiting, true)).isTrue();
        fixture.settle(runId);
        RecordingPosts.Shown escalation = newest(thread);
        assertThat(escalation.content()).startsWith("<@&" + ON_CALL + "> ⏰ " + runId + " · step 1 'announce' has"
                + " waited ").endsWith(", run started by alice. Its buttons are on the step's message above.");
        assertThat(escalation.mentionRoles()).containsExactly(ON_CALL);
        assertThat(escalation.mentionTypes()).isEmpty();

        engine.abort(runId, new Actor("discord", ALICE.id(), ALICE.name()));
        fixture.settle(runId);
    }

    /** Adds a schedule of test-scheduled on ex2007-a posting to {@link #SCHEDULES}, as an admin; returns its id. */
    private String add() {
        String answer = slash("schedule", Map.of("action", "add", "arguments", "test-scheduled host=ex2007-a"
                + " cron=\"0 0 2 * * ?\" tz=UTC platform=discord channel=" + SCHEDULES), ERIN);
        Matcher matcher = SCHEDULED.matcher(answer);
        assertThat(matcher.find()).as(answer).isTrue();
        assertThat(answer).contains("posts its start and result to " + SCHEDULES + " (discord)");
        return matcher.group(1);
    }

    private String slash(String subcommand, Map<String, String> options, Person person) {
        SlashCommandInteractionEvent event = DiscordEvents.slash(subcommand, options, person);
        fixture.router.onEvent(event);
        return edited(event.getHook()).getContent();
    }

    /** The first message shown that passes {@code test}, waiting up to 10 s for it. */
    private RecordingPosts.Shown await(Predicate<RecordingPosts.Shown> test) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            discord.forgetPosts();
            var shown = discord.all().stream().filter(m -> m.content() != null && test.test(m)).findFirst();
            if (shown.isPresent()) {
                return shown.get();
            }
            discord.awaitPost(1);
        }
        throw new AssertionError("not posted within 10 s; posted: " + discord.all());
    }

    private WaitingStep waiting(String runId) throws InterruptedException {
        Thread.sleep(5);  // waited longer than zero
        return engine.waitingLongerThan(Duration.ZERO).stream().filter(w -> w.run().id().equals(runId)).findFirst()
                .orElseThrow();
    }

    private RecordingPosts.Shown newest(String thread) {
        List<RecordingPosts.Shown> shown = discord.inThread(thread);
        return shown.get(shown.size() - 1);
    }
}
