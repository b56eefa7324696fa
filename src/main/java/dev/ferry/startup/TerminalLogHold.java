package dev.ferry.startup;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Keeps log lines off the terminal while Ferry starts: a failing start-up logs on the way (Spring's "Exception
 * encountered during context initialization", the connection pool's trace, Tomcat's connector errors) before
 * {@link FailureBlockReporter} prints its one block, and none of that belongs on the terminal. Lines held are
 * printed once Ferry is ready, and dropped when it does not start; the log file has them either way. The
 * reporter's own log line is never printed on the terminal (the block says it already); after a failed start,
 * nothing is until that line has come.
 * <p>
 * Works on the console appenders of Spring Boot's logging set-up, right after Boot made them.
 */
final class TerminalLogHold implements GenericApplicationListener {

    /** More held lines than this during one start-up are not printed later (the log file has them all). */
    static final int HELD_AT_MOST = 500;

    private final List<Hold> holds = new ArrayList<>();

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.getRawClass();
        return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationReadyEvent.class.isAssignableFrom(type)
                || ApplicationFailedEvent.class.isAssignableFrom(type));
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent) {
            hold();
        } else if (event instanceof ApplicationReadyEvent) {
            holds.forEach(Hold::release);
        } else if (event instanceof ApplicationFailedEvent) {
            holds.forEach(Hold::drop);
        }
    }

    private void hold() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext logging)) {
            return;
        }
        Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
                // A Ferry started earlier in this JVM (tests) left its hold on an appender Boot did not recreate.
                List<Filter<ILoggingEvent>> others = console.getCopyOfAttachedFiltersList();
                if (others.removeIf(Hold.class::isInstance)) {
                    console.clearAllFilters();
                    others.forEach(console::addFilter);
                }
                Hold hold = new Hold(console);
                hold.start();
                console.addFilter(hold);
                holds.add(hold);
            }
        }
    }

    /**
     * The filter on one console appender: holding while Ferry starts, then letting lines through. When the start
     * fails, nothing passes until the reporter's line (which never passes) says the block is printed.
     */
    private static final class Hold extends Filter<ILoggingEvent> {
        private static final String REPORTER = FailureBlockReporter.class.getName();

        private enum State { HOLDING, FAILED, OPEN }

        private final ConsoleAppender<ILoggingEvent> console;
        private List<ILoggingEvent> held = new ArrayList<>();
        private volatile State state = State.HOLDING;

        Hold(ConsoleAppender<ILoggingEvent> console) {
            this.console = console;
        }

        @Override
        public FilterReply decide(ILoggingEvent event) {
            if (REPORTER.equals(event.getLoggerName())) {
                synchronized (this) {
                    if (state == State.FAILED) {
                        state = State.OPEN;
                    }
                }
                return FilterReply.DENY;
            }
            if (state == State.OPEN) {
                return FilterReply.NEUTRAL;
            }
            synchronized (this) {
                return switch (state) {
                    case OPEN -> FilterReply.NEUTRAL;
                    case FAILED -> FilterReply.DENY;
                    case HOLDING -> {
                        if (held.size() < HELD_AT_MOST) {
                            event.prepareForDeferredProcessing();
                            held.add(event);
                        }
                        yield FilterReply.DENY;
                    }
                };
            }
        }

        void release() {
            List<ILoggingEvent> lines;
            synchronized (this) {
                if (state != State.HOLDING) {
                    return;
                }
                state = State.OPEN;
                lines = held;
                held = List.of();
            }
            lines.forEach(console::doAppend);
        }

        synchronized void drop() {
            state = State.FAILED;
            held = List.of();
        }
    }
}
