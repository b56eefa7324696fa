package dev.ferry.chat.thread;

import dev.ferry.connector.OutputListener;
import dev.ferry.run.RunEvent;
import dev.ferry.run.StepState;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The newest output lines of the scripts running now, so that their step messages show them while they run: at most
 * one edit per step every {@code every}, never one per line (Slack and Discord both limit edits). Lines of the error
 * stream are marked "! ". A step's final message, with its whole result, comes from the engine's own event when the
 * script ends; a late edit never hides it ({@link #stillRuns}).
 */
final class LiveOutput {

    private final ScheduledExecutorService ticks;
    private final Duration every;
    private final int lines;
    private final BiConsumer<RunEvent.StepChanged, String> show;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /** A script that runs: the event that said so, its newest lines, and whether an edit is already due. */
    private static final class Running {
        final RunEvent.StepChanged started;
        final Deque<String> tail = new ArrayDeque<>();
        boolean due;

        Running(RunEvent.StepChanged started) {
            this.started = started;
        }
    }

    /** @param show called with the step that runs and its newest lines, when an edit is due */
    LiveOutput(ScheduledExecutorService ticks, Duration every, int lines, BiConsumer<RunEvent.StepChanged, String> show) {
        this.ticks = ticks;
        this.every = every;
        this.lines = lines;
        this.show = show;
    }

    void changed(RunEvent.StepChanged changed) {
        String key = key(changed.run().id(), changed.step().id());
        if (changed.record().state() == StepState.EXECUTING) {
            running.put(key, new Running(changed));
        } else {
            running.remove(key);
        }
    }

    /** Forgets every script of the run (it ended). */
    void ended(String runId) {
        running.keySet().removeIf(key -> key.startsWith(runId + ":"));
    }

    /** Whether the script {@code step} shows is still running, in the same attempt. */
    boolean stillRuns(RunEvent.StepChanged step) {
        Running script = running.get(key(step.run().id(), step.step().id()));
        return script != null && script.started.record().attempt() == step.record().attempt();
    }

    void output(RunEvent.StepOutput output) {
        String key = key(output.run().id(), output.step().id());
        Running script = running.get(key);
        if (script == null) {
            return;
        }
        synchronized (script) {
            script.tail.addLast((output.stream() == OutputListener.Stream.STDERR ? "! " : "") + output.line());
            while (script.tail.size() > lines) {
                script.tail.removeFirst();
            }
            if (script.due) {
                return;
            }
            script.due = true;
        }
        try {
            ticks.schedule(() -> tick(key, script), every.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Ferry is stopping: the step's final message will show its output.
        }
    }

    private void tick(String key, Running script) {
        if (running.get(key) != script) {
            return;
        }
        String tail;
        synchronized (script) {
            script.due = false;
            tail = String.join("\n", script.tail);
        }
        show.accept(script.started, tail);
    }

    private static String key(String runId, String stepId) {
        return runId + ":" + stepId;
    }
}
