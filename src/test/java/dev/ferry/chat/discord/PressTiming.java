package dev.ferry.chat.discord;

import static org.mockito.Mockito.doAnswer;

import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Deliveries;
import dev.ferry.chat.MessageRefs;
import dev.ferry.chat.thread.RunThreads;
import dev.ferry.run.RunEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.requests.restaction.interactions.MessageEditCallbackAction;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import org.springframework.context.ApplicationContext;

/**
 * For the benchmark (dev.ferry.bench.DiscordBenchmark): the Discord adapter wired as in production (its executors,
 * the real dispatcher and engine), button interactions as JDA hands them over, and a recording Discord. Times, per
 * press, when the handler hands the deferred acknowledgement to JDA, and when the next step's message is posted.
 */
public final class PressTiming implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Started run (R\\d+)");

    /** Nanoseconds from the interaction reaching Ferry's listener to the acknowledgement and to the next step. */
    public record Press(long acknowledged, long nextStep) {
    }

    private final RecordingPosts discord = new RecordingPosts();
    private final ExecutorService answers = Executors.newFixedThreadPool(4);
    private final ExecutorService posting = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final RunEngine engine;
    private final MessageRefs refs;
    private final RunThreads threads;
    private final InteractionRouter router;

    public PressTiming(ApplicationContext ferry) {
        engine = ferry.getBean(RunEngine.class);
        refs = ferry.getBean(MessageRefs.class);
        threads = new RunThreads(new DiscordThreadPort(discord, Optional.empty()), refs, posting, timer,
                DiscordConfiguration.OUTPUT_EVERY, DiscordConfiguration.OUTPUT_LINES, Clock.systemUTC());
        engine.subscribe(threads);
        DiscordSettings settings = new DiscordSettings("token", List.of(DiscordEvents.GUILD), false,
                "https://discord.com/api/v10/", "wss://gateway.discord.gg/", null);
        router = DiscordConfiguration.router(settings, ferry.getBean(CommandDispatcher.class), threads,
                new DeferredAnswers(answers), ferry.getBean(Deliveries.class), Clock.systemUTC());
    }

    /** Starts a run of a procedure of manual steps and presses Done on each step; one timing per step but the last. */
    public List<Press> run(String procedure, String parameters) throws Exception {
        SlashCommandInteractionEvent start = DiscordEvents.slash("start",
                Map.of("procedure", procedure, "parameters", parameters), "100000000000000001");
        discord.forgetPosts();
        router.onEvent(start);
        ArgumentCaptor<MessageEditData> answer = ArgumentCaptor.forClass(MessageEditData.class);
        Mockito.verify(start.getHook(), Mockito.timeout(10_000)).editOriginal(answer.capture());
        Matcher matcher = STARTED.matcher(answer.getValue().getContent());
        if (!matcher.find()) {
            throw new IllegalStateException("no run started: " + answer.getValue().getContent());
        }
        String runId = matcher.group(1);
        threads.settled(runId).get();
        String thread = refs.find(runId, MessageRefs.HEADER, DiscordThreadPort.PLATFORM).orElseThrow().threadRef();
        List<Press> presses = new ArrayList<>();
        while (true) {
            List<RecordingPosts.Shown> shown = discord.inThread(thread);
            RecordingPosts.Shown current = shown.get(shown.size() - 1);
            if (current.buttons().isEmpty()) {
                break;
            }
            ButtonInteractionEvent press = DiscordEvents.button(current.customIds().get(0), "100000000000000002");
            long[] acknowledged = new long[1];
            MessageEditCallbackAction deferral = press.deferEdit();
            doAnswer(invocation -> {
                acknowledged[0] = System.nanoTime();
                return null;
            }).when(deferral).queue();
            discord.forgetPosts();
            long began = System.nanoTime();
            router.onEvent(press);
            if (!discord.awaitPost(10)) {
                throw new IllegalStateException("no message followed the press on " + current.customIds().get(0));
            }
            presses.add(new Press(acknowledged[0] - began, discord.postedAt() - began));
        }
        threads.settled(runId).get();
        presses.remove(presses.size() - 1);  // the last press ends the run: what follows is the end line
        return presses;
    }

    @Override
    public void close() {
        engine.unsubscribe(threads);
        answers.shutdownNow();
        posting.shutdownNow();
        timer.shutdownNow();
    }
}
