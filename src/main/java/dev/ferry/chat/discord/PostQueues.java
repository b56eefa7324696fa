package dev.ferry.chat.discord;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Discord calls in order per key (a run, a schedule's fire) on the post workers: one key's calls run one after the
 * other in the order they were queued, different keys' side by side. A call that throws does not hold up the ones
 * queued after it; the work itself logs what it could not do.
 */
final class PostQueues {

    private final Executor workers;
    /** Per key, the last piece of work queued: the next one runs after it. */
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    PostQueues(Executor workers) {
        this.workers = workers;
    }

    void enqueue(String key, Runnable work) {
        tails.compute(key, (k, tail) -> (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                .exceptionally(failure -> null)
                .thenRunAsync(work, workers));
    }

    /** Forgets the key once everything queued for it so far was tried: call it after the key's last work. */
    void close(String key) {
        CompletableFuture<Void> last = tails.get(key);
        if (last != null) {
            last.whenComplete((done, failure) -> tails.remove(key, last));
        }
    }

    /** Completes when everything queued so far for the key was tried; for tests and benchmarks. */
    CompletableFuture<Void> settled(String key) {
        return tails.getOrDefault(key, CompletableFuture.completedFuture(null));
    }
}
