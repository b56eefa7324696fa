package dev.ferry.startup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.logging.LogFile;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

/**
 * Tells the person at the terminal why Ferry did not start: one block with what is wrong, where, and what to do,
 * printed on standard output (where the console chat and the log lines of the terminal go), never a stack trace
 * or an exception's class name. The log file gets the same text with the trace.
 * <p>
 * Registered before Spring Boot's own reporter and always reporting, so Boot's "APPLICATION FAILED TO START" log
 * and its "Application run failed" trace never come: the failure analyzers of {@code spring.factories} (Ferry's,
 * then Boot's) are asked here, and a failure none of them knows is told by the message it carries.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class FailureBlockReporter implements SpringBootExceptionReporter {

    private static final Logger log = LoggerFactory.getLogger(FailureBlockReporter.class);
    /** "java.lang.IllegalStateException: " and the like, which wrapping exceptions put before a message. */
    private static final Pattern CLASS_NAME_PREFIX = Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*: ");

    private final ConfigurableApplicationContext context;
    private final List<FailureAnalyzer> analyzers;

    /** @param context the application that failed; null when it failed before its context was created */
    FailureBlockReporter(ConfigurableApplicationContext context) {
        this.context = context;
        ClassLoader loader = context != null ? context.getClassLoader() : FailureBlockReporter.class.getClassLoader();
        // Without a context, an analyzer that needs its environment cannot be created: it has nothing to say then.
        this.analyzers = SpringFactoriesLoader.forDefaultResourceLocation(loader).load(FailureAnalyzer.class,
                arguments(context), (type, name, failure) -> debug("Failure analyzer " + name + " not created", failure));
    }

    private static ArgumentResolver arguments(ConfigurableApplicationContext context) {
        if (context == null) {
            return ArgumentResolver.none();
        }
        return ArgumentResolver.of(BeanFactory.class, context.getBeanFactory())
                .and(Environment.class, context.getEnvironment());
    }

    @Override
    public boolean reportException(Throwable failure) {
        FailureAnalysis analysis = analyze(failure);
        String description = analysis.getDescription().strip();
        String action = analysis.getAction() == null ? "" : analysis.getAction().strip();
        PrintStream terminal = System.out;
        terminal.print(block(description, action, logFile()));
        terminal.flush();
        if (loggingIsSetUp()) {
            // TerminalLogHold keeps this logger off the terminal: the trace goes to the log file only.
            log.error("Ferry did not start. {}\nWhat to do: {}", description, action, failure);
        }
        return true;
    }

    /**
     * Whether Spring Boot set up logging (with the terminal hold and the log file): it has once the context exists.
     * Before, the logging library would print on the terminal by itself.
     */
    private boolean loggingIsSetUp() {
        return context != null;
    }

    private void debug(String message, Throwable failure) {
        if (loggingIsSetUp()) {
            log.debug(message, failure);
        }
    }

    private FailureAnalysis analyze(Throwable failure) {
        for (FailureAnalyzer analyzer : analyzers) {
            try {
                FailureAnalysis analysis = analyzer.analyze(failure);
                if (analysis != null) {
                    return analysis;
                }
            } catch (RuntimeException e) {
                debug("Failure analyzer " + analyzer.getClass().getName() + " failed", e);
            }
        }
        return new FailureAnalysis("Ferry could not start: " + messageOf(failure),
                "Correct what the message names, then start Ferry again.", failure);
    }

    /** The log file, when logging was set up (it is not when Ferry fails while reading its configuration). */
    private String logFile() {
        if (context == null) {
            return null;
        }
        try {
            LogFile file = LogFile.get(context.getEnvironment());
            return file == null ? null : Path.of(file.toString()).toAbsolutePath().normalize().toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String block(String description, String action, String logFile) {
        StringBuilder text = new StringBuilder("\nFerry did not start.\n\n").append(description).append("\n\n");
        if (!action.isEmpty()) {
            text.append("What to do: ").append(action).append('\n');
        }
        if (logFile != null) {
            text.append("The log file ").append(logFile).append(" has the details.\n");
        }
        return text.append('\n').toString();
    }

    /**
     * The message of the first exception in the chain that is not one of Spring's wrappers (which only say which
     * bean failed): the one that says what went wrong, without class names put before it.
     */
    static String messageOf(Throwable failure) {
        Throwable told = failure;
        for (int depth = 0; told.getCause() != null && depth < 50
                && told.getClass().getName().startsWith("org.springframework."); depth++) {
            told = told.getCause();
        }
        String message = told.getMessage();
        if (message == null || message.isBlank()) {
            return "an unexpected error inside Ferry.";
        }
        String previous;
        do {
            previous = message;
            message = CLASS_NAME_PREFIX.matcher(message).replaceFirst("");
        } while (!message.equals(previous));
        return message.strip();
    }
}
