package dev.ferry.chat.discord;

import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Deliveries;
import dev.ferry.chat.MessageRefs;
import dev.ferry.chat.PendingForms;
import dev.ferry.chat.thread.RunThreads;
import dev.ferry.chat.thread.ScheduleThreads;
import dev.ferry.run.RunEngine;
import dev.ferry.schedule.ScheduleNotices;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Discord, when {@code ferry.discord.token} is set (see {@link DiscordCondition}); bot/discord/README.md sets it up. */
@Configuration(proxyBeanMethods = false)
@Conditional(DiscordCondition.class)
class DiscordConfiguration {

    /**
     * How long a running script's output lines are gathered before its step message shows them (Discord allows
     * about five edits per five seconds in a channel), and how many of its newest lines show.
     */
    static final Duration OUTPUT_EVERY = Duration.ofMillis(1500);
    static final int OUTPUT_LINES = 40;
    /** How many fires' messages and threads are kept in mind at most. */
    static final int FIRES_KEPT = 500;

    /** The core's work behind acknowledged interactions. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService discordInteractionWorkers() {
        return Executors.newFixedThreadPool(4, daemons("ferry-discord-answer-"));
    }

    /** Discord's REST calls for runs' and schedules' threads: a slow Discord holds these up, never the engine or an answer. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService discordPostWorkers() {
        return Executors.newFixedThreadPool(4, daemons("ferry-discord-post-"));
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService discordOutputTimer() {
        return Executors.newSingleThreadScheduledExecutor(daemons("ferry-discord-output-"));
    }

    @Bean(destroyMethod = "stop")
    DiscordConnection discordConnection(DiscordSettings settings) {
        return new DiscordConnection(settings);
    }

    @Bean
    DiscordThreadPort discordThreadPort(DiscordSettings settings, DiscordConnection connection) {
        return new DiscordThreadPort(new JdaPosts(connection::jda), settings.onCallMention());
    }

    /** The chat core's run threads, showing Discord's runs through the port. */
    @Bean
    RunThreads discordRunThreads(DiscordThreadPort discordThreadPort, MessageRefs refs, RunEngine engine,
                                 ExecutorService discordPostWorkers, ScheduledExecutorService discordOutputTimer,
                                 Clock clock) {
        RunThreads threads = new RunThreads(discordThreadPort, refs, discordPostWorkers, discordOutputTimer,
                OUTPUT_EVERY, OUTPUT_LINES, clock);
        engine.subscribe(threads);
        return threads;
    }

    /** The notices of schedules that post to Discord, on the same post workers as the runs' threads. */
    @Bean
    ScheduleThreads discordScheduleThreads(DiscordThreadPort discordThreadPort, ScheduleNotices notices,
                                           ExecutorService discordPostWorkers) {
        ScheduleThreads threads = new ScheduleThreads(discordThreadPort, discordPostWorkers, FIRES_KEPT);
        notices.subscribe(threads);
        return threads;
    }

    /** When Ferry stops: no more events, and those already received are shown while the database is still open. */
    @Bean
    AutoCloseable discordThreadsStopper(@Qualifier("discordRunThreads") RunThreads runs, RunEngine engine,
                                        @Qualifier("discordScheduleThreads") ScheduleThreads schedules,
                                        ScheduleNotices notices) {
        return () -> {
            engine.unsubscribe(runs);
            notices.unsubscribe(schedules);
            runs.drain(Duration.ofSeconds(5));
            schedules.drain(Duration.ofSeconds(5));
        };
    }

    @Bean
    InteractionRouter discordInteractions(DiscordSettings settings, CommandDispatcher dispatcher,
                                          @Qualifier("discordRunThreads") RunThreads threads,
                                          ExecutorService discordInteractionWorkers, Deliveries deliveries,
                                          Clock clock) {
        return router(settings, dispatcher, threads, new DeferredAnswers(discordInteractionWorkers), deliveries, clock);
    }

    /** The listener and its handlers; tests and the benchmark build the same with their own executors. */
    static InteractionRouter router(DiscordSettings settings, CommandDispatcher dispatcher, RunThreads threads,
                                    DeferredAnswers answers, Deliveries deliveries, Clock clock) {
        ParameterForms forms = new ParameterForms(dispatcher, answers, new PendingForms(clock));
        return new InteractionRouter(settings, new SlashCommands(dispatcher, forms, threads, answers),
                new CommandAutocomplete(dispatcher), new ButtonPresses(dispatcher, answers), forms, deliveries);
    }

    /** Forgets interactions after an hour (their tokens last 15 minutes), on the output timer's thread. */
    @Bean
    Deliveries.Purging discordDeliveriesPurging(Deliveries deliveries, ScheduledExecutorService discordOutputTimer) {
        return deliveries.purgeEvery(discordOutputTimer);
    }

    @Bean
    DiscordStarter discordStarter(DiscordConnection connection, InteractionRouter router, CommandDispatcher dispatcher) {
        return new DiscordStarter(connection, router, dispatcher);
    }

    /** Logs in once Ferry is ready (after the engine recovered the runs a restart interrupted). */
    static final class DiscordStarter {
        private final DiscordConnection connection;
        private final InteractionRouter router;
        private final CommandDispatcher dispatcher;

        DiscordStarter(DiscordConnection connection, InteractionRouter router, CommandDispatcher dispatcher) {
            this.connection = connection;
            this.router = router;
            this.dispatcher = dispatcher;
        }

        @EventListener(ApplicationReadyEvent.class)
        @Order(Ordered.LOWEST_PRECEDENCE)
        void start() {
            connection.start(router, MigrateCommand.data(dispatcher.lookups().verbs()));
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
