package dev.ferry.chat.console;

import dev.ferry.chat.CommandDispatcher;
import dev.ferry.run.RunEngine;
import dev.ferry.schedule.ScheduleNotices;
import dev.ferry.schedule.ScheduleActivity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** Starts the console chat on standard input and output; see {@link ConsoleCondition} for when. */
@Configuration(proxyBeanMethods = false)
@Conditional(ConsoleCondition.class)
class ConsoleConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConsoleConfiguration.class);

    @Bean
    ConsoleChat consoleChat(CommandDispatcher dispatcher, RunEngine engine, ScheduleNotices notices,
                            ScheduleActivity schedules, ConsoleSettings settings) {
        boolean piped = System.console() == null;
        // A scripted session waits for the steps and the scheduled fires each line started.
        ConsoleChat.Idle idle = () -> {
            engine.awaitIdle();
            schedules.awaitIdle();
        };
        ConsoleChat console = new ConsoleChat(dispatcher, settings.user(), System.out, settings.files(),
                idle, piped, settings.onCall());
        engine.subscribe(console);
        notices.subscribe(console);
        return console;
    }

    @Bean
    ConsoleStarter consoleStarter(ConsoleChat console, ConfigurableApplicationContext context) {
        return new ConsoleStarter(console, context);
    }

    /** Serves standard input once Ferry is ready; when input ends, Ferry stops. */
    static final class ConsoleStarter {
        private final ConsoleChat console;
        private final ConfigurableApplicationContext context;

        ConsoleStarter(ConsoleChat console, ConfigurableApplicationContext context) {
            this.console = console;
            this.context = context;
        }

        @EventListener(ApplicationReadyEvent.class)
        @Order(Ordered.LOWEST_PRECEDENCE)
        void start() {
            Thread thread = new Thread(() -> {
                int code = 0;
                try {
                    console.serve(System.in);
                } catch (IOException e) {
                    log.error("The console cannot read its input", e);
                    code = 1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                int exit = code;
                System.exit(SpringApplication.exit(context, () -> exit));
            }, "ferry-console");
            thread.start();
        }
    }

    /**
     * The console chat owns the terminal: while it runs, the logging system prints nothing there (every line goes to
     * the log file), whatever {@code logging.threshold.console} says. Set before logging starts, from the same rule
     * as {@link ConsoleCondition}. In Slack or Discord mode the threshold stays as configured.
     */
    static final class LogsOffTheTerminal implements EnvironmentPostProcessor {

        static final String THRESHOLD = "logging.threshold.console";

        @Override
        public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
            if (ConsoleCondition.outcome(environment).isMatch()) {
                environment.getPropertySources().addFirst(new MapPropertySource("ferry-console-owns-the-terminal",
                        Map.of(THRESHOLD, "off")));
            }
        }
    }

    /**
     * @param enabled true or false forces the console on or off; unset, it runs when no chat platform has a token
     * @param user    the name the console's person is known by in runs and messages
     * @param files   where files handed over in replies (audit trails) are saved
     * @param onCall  how a failed schedule or an escalated reminder mentions the on-call role here
     */
    @ConfigurationProperties("ferry.console")
    record ConsoleSettings(Boolean enabled, @DefaultValue("operator") String user,
                           @DefaultValue("data/files") Path files, @DefaultValue("@on-call") String onCall) {
    }
}
