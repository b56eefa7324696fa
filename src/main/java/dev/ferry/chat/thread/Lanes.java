package dev.ferry.chat.thread;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue per lane (a run, a schedule's fire) on a shared pool: a lane's messages are shown in order, different
 * lanes side by side, never on the caller's thread. A task learns whether it is the last one queued for its lane, so
 * work only the newest state needs is done once. A task that throws costs only its message: it is logged (never with
 * a message's text or a token) and the lane goes on. A lane is forgotten as soon as it is empty.
 */
final class Lanes {

    private static final Logger log = LoggerFactory.getLogger(Lanes.class);

    private final Executor executor;
    private final String platform;
    private final String whenLost;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Map<String, Integer> queued = new ConcurrentHashMap<>();

    /**
     * @param platform where the messages go, for the log: "Slack"
     * @param whenLost what a person can do about a message that was not shown, for the log
     */
    Lanes(Executor executor, String platform, String whenLost) {
        this.executor = executor;
        this.platform = platform;
        this.whenLost = whenLost;
    }

    void run(String lane, Consumer<Boolean> task) {
        queued.merge(lane, 1, Integer::sum);
        CompletableFuture<Void> next;
        try {
            next = tails.compute(lane, (key, tail) ->
                    (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                            .thenRunAsync(() -> guarded(lane, task), executor));
        } catch (RejectedExecutionException e) {
            // The pool is shut down (Ferry is stopping): the message is lost, the state it shows is not.
            queued.computeIfPresent(lane, (key, count) -> count == 1 ? null : count - 1);
            log.warn("Stopping: a message of {} was not queued for {}; {}", lane, platform, whenLost);
            return;
        }
        next.whenComplete((ignored, error) -> tails.remove(lane, next));
    }

    /** Completes when everything queued so far for the lane was tried; for tests and benchmarks. */
    CompletableFuture<Void> settled(String lane) {
        return tails.getOrDefault(lane, CompletableFuture.completedFuture(null));
    }

    /** Waits (bounded) until the tasks already queued are done; before Ferry stops. */
    void drain(Duration timeout) {
        try {
            CompletableFuture.allOf(tails.values().toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Stopping with messages for {} still unshown ({}); {}", platform, e.toString(), whenLost);
        }
    }

    private void guarded(String lane, Consumer<Boolean> task) {
        boolean last = queued.computeIfPresent(lane, (key, count) -> count == 1 ? null : count - 1) == null;
        try {
            task.accept(last);
        } catch (RuntimeException e) {
            // The state is committed; only this message is lost.
            log.warn("A message of {} could not be shown in {}: {}; {}", lane, platform,
                    e instanceof ThreadPort.Unshown || e instanceof ThreadPort.Gone ? e.getMessage() : e.toString(),
                    whenLost);
        }
    }
}
