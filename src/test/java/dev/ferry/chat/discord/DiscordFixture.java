package dev.ferry.chat.discord;

import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Deliveries;
import dev.ferry.chat.MessageRefs;
import dev.ferry.chat.discord.DiscordEvents.Person;
import dev.ferry.chat.thread.RunThreads;
import dev.ferry.chat.thread.ScheduleThreads;
import dev.ferry.run.RunEngine;
import dev.ferry.schedule.ScheduleNotices;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.mockito.ArgumentCaptor;

/**
 * Ferry's Discord side as {@link DiscordConfiguration} wires it, in front of a test's real dispatcher and engine:
 * the one listener, and the run threads (and, when asked, the schedules' notices) posting to a recording Discord. Answers are worked out on the calling
 * thread, so a test reads them right after its event; run threads post on workers of their own, as in Ferry.
 */
final class DiscordFixture implements AutoCloseable {

    final RecordingPosts discord = new RecordingPosts();
    final DiscordThreadPort port;
    final RunThreads threads;
    final InteractionRouter router;
    private final ExecutorService posting = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final RunEngine engine;
    private final MessageRefs refs;
    private final DiscordSettings settings;
    private ScheduleNotices notices;
    private ScheduleThreads schedules;

    /** @param onCallRole the role to mention when a step waits for an approval, or null */
    DiscordFixture(CommandDispatcher dispatcher, RunEngine engine, MessageRefs refs, Deliveries deliveries,
                   String onCallRole) {
        this.engine = engine;
        this.refs = refs;
        settings = new DiscordSettings("token", List.of(DiscordEvents.GUILD), false,
                "https://discord.com/api/v10/", "wss://gateway.discord.gg/", onCallRole);
        port = new DiscordThreadPort(discord, settings.onCallMention());
        threads = new RunThreads(port, refs, posting, timer, Duration.ofMillis(50), DiscordConfiguration.OUTPUT_LINES,
                Clock.systemUTC());
        engine.subscribe(threads);
        router = DiscordConfiguration.router(settings, dispatcher, threads, new DeferredAnswers(Runnable::run),
                deliveries, Clock.systemUTC());
    }

    /** Posts the notices of Discord schedules to the recording Discord too, as {@link DiscordConfiguration} does. */
    void followSchedules(ScheduleNotices scheduleNotices) {
        notices = scheduleNotices;
        schedules = new ScheduleThreads(port, posting, DiscordConfiguration.FIRES_KEPT);
        notices.subscribe(schedules);
    }

    ButtonInteractionEvent press(String customId, Person person) {
        ButtonInteractionEvent event = DiscordEvents.button(customId, person);
        router.onEvent(event);
        return event;
    }

    String threadOf(String runId) {
        return refs.find(runId, MessageRefs.HEADER, DiscordThreadPort.PLATFORM).orElseThrow().threadRef();
    }

    /** Waits until everything the run's events asked of Discord so far was done. */
    void settle(String runId) throws Exception {
        threads.settled(runId).get(10, TimeUnit.SECONDS);
    }

    /** The answer that replaced a deferred reply's "thinking…". */
    static MessageEditData edited(InteractionHook hook) {
        ArgumentCaptor<MessageEditData> captor = ArgumentCaptor.forClass(MessageEditData.class);
        verify(hook, timeout(5000)).editOriginal(captor.capture());
        return captor.getValue();
    }

    /** The text of the private follow-up to an acknowledged press or form. */
    static String followUp(InteractionHook hook) {
        ArgumentCaptor<MessageCreateData> captor = ArgumentCaptor.forClass(MessageCreateData.class);
        verify(hook, timeout(5000)).sendMessage(captor.capture());
        return captor.getValue().getContent();
    }

    @Override
    public void close() throws InterruptedException {
        engine.awaitIdle();
        engine.unsubscribe(threads);
        if (notices != null) {
            notices.unsubscribe(schedules);
        }
        posting.shutdownNow();
        timer.shutdownNow();
    }
}
