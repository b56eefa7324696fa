package dev.ferry.chat.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Waits until a fixed pool has finished every task handed to it so far: one task per thread, each waiting for the
 * others. They can only meet when every thread has taken one of them, that is when no earlier task is still queued
 * or running. What a handler did after its acknowledgement (a reply, a run started) is then all there is to see.
 */
final class PoolBarrier {

    private PoolBarrier() {
    }

    static void drain(ExecutorService pool, int threads) throws Exception {
        CyclicBarrier everyThread = new CyclicBarrier(threads);
        List<Future<?>> meetings = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            meetings.add(pool.submit(() -> everyThread.await(10, TimeUnit.SECONDS)));
        }
        for (Future<?> meeting : meetings) {
            meeting.get(20, TimeUnit.SECONDS);
        }
    }
}
