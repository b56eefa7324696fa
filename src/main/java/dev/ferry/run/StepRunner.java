package dev.ferry.run;

import dev.ferry.connector.CommandResult;
import dev.ferry.connector.ConnectorException;
import dev.ferry.connector.Connectors;
import dev.ferry.connector.Host;
import dev.ferry.connector.HostInventory;
import dev.ferry.connector.OutputListener;
import dev.ferry.connector.PowerShellScript;
import dev.ferry.procedure.Parameter;
import dev.ferry.procedure.Step;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a step's script on a worker thread through the connector of its host, streams the output (scrubbed
 * of the run's secrets) and reports the result as the record the engine should commit.
 */
public class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    private final Connectors connectors;
    private final HostInventory inventory;
    private final ScriptRenderer renderer;
    private final ExecutorService workers;
    private final Clock clock;
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private volatile Reports reports;

    public StepRunner(Connectors connectors, HostInventory inventory, ExecutorService workers, Clock clock) {
        this.connectors = connectors;
        this.inventory = inventory;
        this.renderer = new ScriptRenderer(inventory);
        this.workers = workers;
        this.clock = clock;
    }

    /** Where the runner sends output lines and results; the engine, which commits them. */
    interface Reports {
        void output(RunEvent.StepOutput output);

        void finished(StepRecord executed, StepRecord result);
    }

    void report(Reports target) {
        this.reports = target;
    }

    ScriptRenderer renderer() {
        return renderer;
    }

    /** @param values the run's values, secrets included, for binding into the script */
    void submit(RunSnapshot snapshot, StepRecord record, Map<String, String> values) {
        String key = key(record);
        synchronized (running) {
            running.put(key, workers.submit(() -> {
                try {
                    StepRecord result = execute(snapshot, record, values);
                    if (result != null) {
                        reports.finished(record, result);
                    }
                } catch (RuntimeException e) {
                    log.error("Step {} of run {} could not be finished", record.stepId(), record.runId(), e);
                } finally {
                    synchronized (running) {
                        running.remove(key);
                        running.notifyAll();
                    }
                }
            }));
        }
    }

    /**
     * Interrupts the step's script. A task cancelled before it started never runs its own clean-up, so it is
     * forgotten here; one already running ends on the interrupt and its late result is refused by the engine.
     */
    void cancel(StepRecord record) {
        synchronized (running) {
            Future<?> future = running.remove(key(record));
            if (future != null) {
                future.cancel(true);
            }
            running.notifyAll();
        }
    }

    void awaitIdle() throws InterruptedException {
        synchronized (running) {
            while (!running.isEmpty()) {
                running.wait();
            }
        }
    }

    /** @return the record to commit, or null when the thread was interrupted (abort or shutdown) */
    private StepRecord execute(RunSnapshot snapshot, StepRecord record, Map<String, String> values) {
        Step step = snapshot.procedure().steps().get(record.index());
        SecretScrubber scrubber = new SecretScrubber(snapshot.procedure().parameters().stream()
                .filter(Parameter::isSecret).map(p -> values.get(p.name())).filter(v -> v != null).toList());
        String hostName = snapshot.run().parameters().get(step.target());
        Optional<Host> host = inventory.find(hostName);
        if (host.isEmpty()) {
            return failed(record, null, null, "Host " + hostName + " is not in the inventory any more;"
                    + " add it back to config/hosts.yml and Retry, or Mark done if the work was done by hand.");
        }
        PowerShellScript script = renderer.render(snapshot.procedure(), step, values);
        OutputListener listener = (stream, line) -> reports.output(
                new RunEvent.StepOutput(snapshot.run(), step, stream, scrubber.scrub(line)));
        try {
            CommandResult result = connectors.execute(host.get(), script, step.timeout(), listener);
            String output = scrubber.scrub(combine(result));
            if (result.succeeded()) {
                return record.result(StepState.SUCCEEDED, clock.instant(), result.exitCode(), output,
                        "exit code 0 after " + NoteWords.duration(result.duration()));
            }
            if (result.timedOut()) {
                return record.result(StepState.TIMED_OUT, clock.instant(), null, output,
                        "no result within the step's timeout of " + NoteWords.duration(step.timeout())
                                + "; the script was stopped. Check the host before you Retry.");
            }
            return failed(record, result.exitCode(), output, "exit code " + result.exitCode() + " after "
                    + NoteWords.duration(result.duration()) + firstLine(scrubber.scrub(result.stderr())));
        } catch (ConnectorException e) {
            return failed(record, null, null, scrubber.scrub(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            log.error("Step {} of run {} failed inside Ferry", record.stepId(), record.runId(), e);
            return failed(record, null, null, "Ferry could not run the script because of an error inside Ferry;"
                    + " its log has the details. Retry, or Mark done if you did the work by hand.");
        }
    }

    private StepRecord failed(StepRecord record, Integer exitCode, String output, String note) {
        return record.result(StepState.FAILED, clock.instant(), exitCode, output, note);
    }

    private static String combine(CommandResult result) {
        if (result.stderr().isEmpty()) {
            return result.stdout();
        }
        return result.stdout() + (result.stdout().isEmpty() || result.stdout().endsWith("\n") ? "" : "\n")
                + "[stderr]\n" + result.stderr();
    }

    private static String firstLine(String stderr) {
        List<String> lines = stderr.lines().filter(l -> !l.isBlank()).limit(1).toList();
        return lines.isEmpty() ? "" : ": " + lines.get(0).strip();
    }

    private static String key(StepRecord record) {
        return record.runId() + "/" + record.index() + "/" + record.attempt();
    }
}
