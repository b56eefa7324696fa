package dev.ferry.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.chat.MessageRefs;
import dev.ferry.chat.thread.RunThreads;
import dev.ferry.chat.thread.ScheduleThreads;
import dev.ferry.chat.thread.Shown;
import dev.ferry.chat.thread.ThreadPort;
import dev.ferry.chat.thread.ThreadSamples;
import dev.ferry.run.Action;
import dev.ferry.run.RunEvent;
import dev.ferry.run.StepState;
import dev.ferry.schedule.ScheduleNotice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every thing the chat core shows has a Discord layout, and every run event and schedule notice reaches Discord
 * through the core's presenter and this port (in the style of JDA's event-consistency test): a new type without a
 * sample, or without a layout here, fails this test.
 */
class DiscordThreadPortTest {

    private static final String ROLE = "310000000000000002";
    private static final String PLATFORM = DiscordThreadPort.PLATFORM;

    private final RecordingPosts discord = new RecordingPosts();
    private final DiscordThreadPort port = new DiscordThreadPort(discord, Optional.of(ROLE));
    private final ExecutorService posting = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    /** The reminders' clock: 35 minutes after the samples' steps began to wait. */
    private final Clock clock = Clock.fixed(ThreadSamples.NOW.plus(Duration.ofMinutes(35)), ZoneOffset.UTC);
    private final RunThreads runs = new RunThreads(port, new KeptRefs(), posting, ticks, Duration.ofMillis(20),
            DiscordConfiguration.OUTPUT_LINES, clock);
    private final ScheduleThreads schedules = new ScheduleThreads(port, posting, DiscordConfiguration.FIRES_KEPT);

    @AfterEach
    void stop() {
        posting.shutdownNow();
        ticks.shutdownNow();
    }

    @Test
    void everyRunEventNoticeAndShownTypeHasASample() {
        ThreadSamples.coverEveryType();
    }

    @Test
    void everyShownTypeIsLaidOutWithTextAndOnlyCallsNotifyTheOnCallRoleAlone() {
        for (Shown shown : ThreadSamples.shown(PLATFORM)) {
            String type = shown.getClass().getSimpleName();
            String id = port.post(new ThreadPort.Where(ThreadSamples.CHANNEL, "T1"), shown);
            RecordingPosts.Shown message = message(id);
            assertThat(message.text().strip()).as(type).isNotEmpty();
            assertThat(message.mentionTypes()).as("%s notifies nobody by itself", type).isEmpty();
            if (calls(shown)) {
                assertThat(message.content()).as(type).startsWith("<@&" + ROLE + "> ");
                assertThat(message.mentionRoles()).as(type).containsExactly(ROLE);
            } else {
                assertThat(message.text()).as(type).doesNotContain("<@&");
                assertThat(message.mentionRoles()).as(type).isEmpty();
            }
        }
    }

    @Test
    void everyRunEventReachesDiscordAndARunningScriptsLineShowsInAnEdit() throws Exception {
        for (RunEvent event : ThreadSamples.runEvents(PLATFORM)) {
            int before = discord.calls().size();
            runs.on(event);
            runs.settled("R7").get(10, TimeUnit.SECONDS);
            if (event instanceof RunEvent.StepOutput) {
                RecordingPosts.Shown step = await(m -> m.edits() > 0 && m.text().contains("line one"));
                assertThat(step.text()).contains("Output so far", "Step 2/2 · Run a script");
            } else {
                assertThat(discord.calls()).as(event.getClass().getSimpleName()).hasSizeGreaterThan(before);
            }
        }
        String thread = discord.threads().keySet().iterator().next();
        assertThat(discord.threads()).containsValue("R7 · Samples");
        assertThat(discord.inThread(thread)).extracting(RecordingPosts.Shown::content)
                .contains("<@&" + ROLE + "> R7 · step 1/2 · Announce the window waits for an on-call approval:"
                        + " Approve or Reject it on the step's message above.")
                .anySatisfy(text -> assertThat(text).startsWith("<@&" + ROLE + "> ⏰ R7 · step 1 'announce' has"
                        + " waited 35 min for an approval"))
                .last().isEqualTo("Run R7 finished · 1 succeeded, 1 done.");
        assertThat(discord.inChannel(ThreadSamples.CHANNEL)).singleElement()
                .satisfies(header -> assertThat(header.text()).contains("Run R7 · Samples", "**finished · 1 succeeded, 1 done**"));
    }

    @Test
    void everyScheduleNoticeReachesDiscordAndALongOutputIsAMessageOfItsOwnInTheFiresThread() throws Exception {
        String longOutput = "a line of output\n".repeat(100);
        for (ScheduleNotice notice : ThreadSamples.notices(PLATFORM, longOutput)) {
            int before = discord.calls().size();
            schedules.on(notice);
            schedules.settled(notice.fire().id()).get(10, TimeUnit.SECONDS);
            assertThat(discord.calls()).as(notice.getClass().getSimpleName()).hasSizeGreaterThan(before);
        }
        RecordingPosts.Shown failed = await(m -> m.content() != null && m.content().contains("FAILED"));
        assertThat(failed.content()).startsWith("<@&" + ROLE + "> ◷ S1 · thread-samples · fire 15")
                .contains("(100 lines) is in this fire's thread as S1-thread-samples-fire-15.log");
        assertThat(failed.files()).isEmpty();
        RecordingPosts.Shown file = await(m -> !m.files().isEmpty());
        assertThat(file.files()).containsExactly("S1-thread-samples-fire-15.log");
        assertThat(file.thread()).isNotNull().isEqualTo(discord.threads().entrySet().stream()
                .filter(e -> e.getValue().equals("S1 · thread-samples · fire 15")).findFirst().orElseThrow().getKey());
        assertThat(file.mentionRoles()).isEmpty();
    }

    @Test
    void filesGoToTheThreadOnceAsMessagesOfTheirOwnAndAnApprovalRequestCallsOnce() throws Exception {
        runs.on(ThreadSamples.runEvents(PLATFORM).get(0));
        String output = "line 1\n" + "x".repeat(60).concat("\n").repeat(40) + "the last line";
        RunEvent.StepChanged ended = ThreadSamples.changed(PLATFORM, StepState.SUCCEEDED, output, List.of());
        RunEvent.StepChanged longScript = new RunEvent.StepChanged(ended.run(), ended.step(), ended.total(),
                ended.record(), ended.target(), "Write-Output 'a line of the script'\n".repeat(100),
                ended.actions(), ended.after());
        runs.on(longScript);
        runs.on(longScript);
        runs.settled("R7").get(10, TimeUnit.SECONDS);

        String thread = discord.threads().keySet().iterator().next();
        List<RecordingPosts.Shown> shown = discord.inThread(thread);
        assertThat(shown).filteredOn(m -> !m.files().isEmpty()).extracting(RecordingPosts.Shown::files)
                .containsExactly(List.of("R7-run-script.ps1"), List.of("R7-run-script-attempt-1.txt"));
        assertThat(shown).filteredOn(m -> !m.files().isEmpty()).extracting(RecordingPosts.Shown::content)
                .containsExactly("📎 Script of R7 · step 2/2: R7-run-script.ps1",
                        "📎 Output of R7 · step 2/2, attempt 1: R7-run-script-attempt-1.txt");
        assertThat(shown).filteredOn(m -> !m.embeds().isEmpty()).singleElement()
                .satisfies(step -> assertThat(step.text()).contains("is in a file in this thread",
                        "all 42 lines are in R7-run-script-attempt-1.txt"));

        RunEvent.StepChanged waiting = ThreadSamples.changed(PLATFORM, StepState.AWAITING_APPROVAL, null,
                List.of(Action.APPROVE, Action.REJECT, Action.ABORT));
        runs.on(waiting);
        runs.on(waiting);
        runs.settled("R7").get(10, TimeUnit.SECONDS);
        assertThat(discord.inThread(thread)).filteredOn(m -> m.mentionRoles().contains(ROLE)).hasSize(1);

        // Shown again by /migrate resume, the request calls again, below the step's new message.
        runs.resume("R7", () -> {
            runs.on(waiting);
            return null;
        });
        runs.settled("R7").get(10, TimeUnit.SECONDS);
        shown = discord.inThread(thread);
        assertThat(shown).filteredOn(m -> m.mentionRoles().contains(ROLE)).hasSize(2);
        assertThat(shown.get(shown.size() - 1).mentionRoles()).containsExactly(ROLE);
        assertThat(shown).anySatisfy(m -> assertThat(m.content()).endsWith("Run a script — shown again below."));
    }

    private static boolean calls(Shown shown) {
        return shown instanceof Shown.ApprovalCall
                || shown instanceof Shown.Reminder reminder && reminder.reminder().escalate()
                || shown instanceof Shown.Notice notice && notice.view().mentionsOnCall();
    }

    private RecordingPosts.Shown message(String id) {
        return discord.all().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    /** The first message that passes {@code test}, waiting (at most 10 s) for the ticks' edit to come. */
    private RecordingPosts.Shown await(Predicate<RecordingPosts.Shown> test) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            Optional<RecordingPosts.Shown> shown = discord.all().stream().filter(test).findFirst();
            if (shown.isPresent()) {
                return shown.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not shown within 10 s; shown: " + discord.all());
    }

    /** Message references kept in memory: the samples' run R7 is in no database. */
    private static final class KeptRefs extends MessageRefs {

        private final Map<String, MessageRef> kept = new ConcurrentHashMap<>();

        KeptRefs() {
            super(null);
        }

        @Override
        public Optional<MessageRef> find(String runId, int stepIndex, String platform) {
            return Optional.ofNullable(kept.get(runId + ":" + stepIndex + ":" + platform));
        }

        @Override
        public void save(MessageRef ref) {
            kept.put(ref.runId() + ":" + ref.stepIndex() + ":" + ref.platform(), ref);
        }
    }
}
