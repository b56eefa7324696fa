package dev.ferry.chat.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import dev.ferry.access.AccessSettings;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The Slack chat, on when {@code ferry.slack.bot-token} is set: one Bolt app whose handlers are
 * {@link SlackCommands} and {@link StepPresses}, reached over Socket Mode (default) or HTTP at {@value #EVENTS_PATH}, and
 * the chat core's {@link RunThreads} and {@link ScheduleThreads} showing the runs started from Slack and the fires of
 * Slack's schedules through {@link SlackThreadPort}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackCondition.class)
class SlackConfiguration {

    static final String EVENTS_PATH = "/slack/events";
    /** How many schedule fires' threads are kept in memory: far more than fires run at once. */
    private static final int FIRES_KEPT = 1000;

    @Bean(destroyMethod = "shutdown")
    ExecutorService slackWork(SlackSettings settings) {
        return pool("ferry-slack-work-", settings.workers());
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService slackPosting(SlackSettings settings) {
        return pool("ferry-slack-post-", settings.workers());
    }

    /** Times the edits that show a running script's output. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService slackTicks() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ferry-slack-ticks");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    Slack slack(SlackSettings settings) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        config.setStatsEnabled(false);
        return Slack.getInstance(config);
    }

    @Bean
    SlackApi slackApi(Slack slack, SlackSettings settings) {
        return new SlackApi(slack.methods(settings.botToken()));
    }

    /** Slack users as Ferry's actors, with their user groups when roles are granted to groups. */
    @Bean
    UserGroups slackUserGroups(SlackApi api, SlackSettings settings, AccessSettings access) {
        return new UserGroups(api, UserGroups.needed(access), settings.userGroupsKeptFor(), Clock.systemUTC());
    }

    @Bean
    SlackCommands slackCommands(CommandDispatcher dispatcher, SlackApi api, UserGroups people,
                                ExecutorService slackWork, SlackSettings settings, RunThreads slackRunThreads,
                                Clock clock) {
        return new SlackCommands(dispatcher, api, new PendingForms(clock), people, new DirectFiles(api),
                slackRunThreads, slackWork, settings.answerWithin());
    }

    @Bean
    StepPresses stepPresses(CommandDispatcher dispatcher, SlackApi api, UserGroups people, ExecutorService slackWork) {
        return new StepPresses(dispatcher, api, people, slackWork);
    }

    @Bean
    SlackThreadPort slackThreadPort(SlackApi api, SlackSettings settings) {
        return new SlackThreadPort(api, new StepMessages(settings.outputLines()), settings.onCallMention());
    }

    @Bean
    RunThreads slackRunThreads(SlackThreadPort port, MessageRefs refs, ExecutorService slackPosting,
                               ScheduledExecutorService slackTicks, SlackSettings settings, RunEngine engine,
                               Clock clock) {
        RunThreads threads = new RunThreads(port, refs, slackPosting, slackTicks, settings.outputEvery(),
                settings.outputLines(), clock);
        engine.subscribe(threads);
        return threads;
    }

    @Bean
    ScheduleThreads slackScheduleThreads(SlackThreadPort port, ExecutorService slackPosting, ScheduleNotices notices) {
        ScheduleThreads threads = new ScheduleThreads(port, slackPosting, FIRES_KEPT);
        notices.subscribe(threads);
        return threads;
    }

    @Bean
    ThreadsStopper slackThreadsStopper(RunThreads slackRunThreads, RunEngine engine,
                                       ScheduleThreads slackScheduleThreads, ScheduleNotices notices) {
        return new ThreadsStopper(slackRunThreads, engine, slackScheduleThreads, notices);
    }

    /**
     * Stops showing run events and schedule notices, then lets those already received be shown, while the
     * database is still open.
     */
    static final class ThreadsStopper implements AutoCloseable {
        private final RunThreads runs;
        private final RunEngine engine;
        private final ScheduleThreads schedules;
        private final ScheduleNotices notices;

        ThreadsStopper(RunThreads runs, RunEngine engine, ScheduleThreads schedules, ScheduleNotices notices) {
            this.runs = runs;
            this.engine = engine;
            this.schedules = schedules;
            this.notices = notices;
        }

        @Override
        public void close() {
            engine.unsubscribe(runs);
            notices.unsubscribe(schedules);
            runs.drain(Duration.ofSeconds(5));
            schedules.drain(Duration.ofSeconds(5));
        }
    }

    /** Forgets Slack's deliveries after an hour, on the ticks' thread. */
    @Bean
    Deliveries.Purging slackDeliveriesPurging(Deliveries deliveries, ScheduledExecutorService slackTicks) {
        return deliveries.purgeEvery(slackTicks);
    }

    /**
     * Checks the bot token with Slack (auth.test) while starting, so a wrong one stops Ferry with the reason. A
     * delivery Slack sends again is acknowledged before it reaches a handler ({@link Redeliveries}).
     */
    @Bean
    App slackApp(Slack slack, SlackSettings settings, SlackCommands commands, StepPresses presses,
                 Deliveries deliveries) {
        // auth.test is cached: without it Bolt asks Slack once per request, inside the 3 seconds.
        App app = new App(AppConfig.builder().slack(slack).singleTeamBotToken(settings.botToken()).authTestCacheEnabled(true)
                .signingSecret(settings.signingSecret()).build());
        commands.register(app);
        presses.register(app);
        try {
            // Bolt puts its own middleware (the signature check first) before this, asking auth.test as it does.
            app.use(new Redeliveries(deliveries));
            app.start();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Slack did not accept the bot token: " + e.getMessage()
                    + ". Set FERRY_SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…) of OAuth & Permissions.", e);
        }
        return app;
    }

    @Bean
    @ConditionalOnProperty(prefix = "ferry.slack", name = "mode", havingValue = "socket", matchIfMissing = true)
    SocketModeConnection socketModeConnection(Slack slack, App app, SlackSettings settings) {
        return new SocketModeConnection(slack, app, settings.appToken(), settings.workers());
    }

    @Bean
    @ConditionalOnProperty(prefix = "ferry.slack", name = "mode", havingValue = "socket", matchIfMissing = true)
    SocketModeStarter socketModeStarter(SocketModeConnection connection) {
        return new SocketModeStarter(connection);
    }

    /**
     * HTTP mode: Slack's signed requests, verified by Bolt (the signature, and a timestamp at most 5 minutes old)
     * once {@link #slackTimestamps} let them through.
     */
    @Bean
    @ConditionalOnProperty(prefix = "ferry.slack", name = "mode", havingValue = "http")
    ServletRegistrationBean<SlackAppServlet> slackEvents(App app) {
        return new ServletRegistrationBean<>(new SlackAppServlet(app), EVENTS_PATH);
    }

    /** HTTP mode: a timestamp more than 5 minutes from now, either way, is refused before Bolt sees the request. */
    @Bean
    @ConditionalOnProperty(prefix = "ferry.slack", name = "mode", havingValue = "http")
    FilterRegistrationBean<TimestampWindow> slackTimestamps(Clock clock) {
        FilterRegistrationBean<TimestampWindow> filter = new FilterRegistrationBean<>(new TimestampWindow(clock));
        filter.addUrlPatterns(EVENTS_PATH);
        return filter;
    }

    /** Connects once Ferry is ready: after recovery, like the console. */
    static final class SocketModeStarter {
        private final SocketModeConnection connection;

        SocketModeStarter(SocketModeConnection connection) {
            this.connection = connection;
        }

        @EventListener(ApplicationReadyEvent.class)
        @Order(Ordered.LOWEST_PRECEDENCE)
        void start() {
            connection.start();
        }
    }

    private static ExecutorService pool(String prefix, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
