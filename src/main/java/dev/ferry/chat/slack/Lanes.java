package dev.ferry.chat.slack;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue per lane (a run, a schedule's fire) on a shared pool: a lane's messages are shown in order, different
 * lanes in parallel, never on the caller's thread. A task learns whether it is the last one queued for its lane,
 * so work that only the newest state needs is done once. A task that throws costs only its message: it is logged
 * (never with its text or a token) and the lane goes on.
 */
final class Lanes {

    private static final Logger log = LoggerFactory.getLogger(Lanes.class);

    private final Executor executor;
    private final String what;
    private final String whenLost;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Map<String, Integer> queued = new ConcurrentHashMap<>();

    /**
     * @param what     what a lane is, for the log: "run"
     * @param whenLost what a person can do about a message that was not shown, for the log
     */
    Lanes(Executor executor, String what, String whenLost) {
        this.executor = executor;
        this.what = what;
        this.whenLost = whenLost;
    }

    void run(String lane, Consumer<Boolean> task) {
        queued.merge(lane, 1, Integer::sum);
        CompletableFuture<Void> next = tails.compute(lane, (key, tail) ->
                (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                        .thenRunAsync(() -> guarded(lane, task), executor));
        next.whenComplete((ignored, error) -> tails.remove(lane, next));
    }

    /** Waits (bounded) until the tasks already queued are done; before Ferry stops. */
    void drain(Duration timeout) {
        try {
            CompletableFuture.allOf(tails.values().toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Stopping with {} messages still unshown ({}); {}", what, e.toString(), whenLost);
        }
    }

    private void guarded(String lane, Consumer<Boolean> task) {
        boolean last = queued.computeIfPresent(lane, (key, count) -> count == 1 ? null : count - 1) == null;
        try {
            task.accept(last);
        } catch (RuntimeException e) {
            // The state is committed; only this message is lost.
            log.warn("A message of {} {} could not be shown in Slack: {}; {}", what, lane, e.toString(), whenLost);
        }
    }
}
