package dev.ferry.connector.simulated;

import dev.ferry.connector.CommandResult;
import dev.ferry.connector.Connector;
import dev.ferry.connector.Host;
import dev.ferry.connector.HostPreflight;
import dev.ferry.connector.OutputListener;
import dev.ferry.connector.PowerShellScript;
import dev.ferry.connector.ScriptedOutcome;
import dev.ferry.connector.SecondHopCheck;
import dev.ferry.connector.Transport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host that exists only in Ferry: it records every script it is given and answers success, or what
 * the inventory (or a test) scripted for scripts that match a pattern: failures, timeouts, slow output.
 */
public final class SimulatedConnector implements Connector {

    private static final int KEPT_EXECUTIONS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<Execution> executions = new ArrayDeque<>();
    private final Map<String, List<ScriptedOutcome>> programmed = new ConcurrentHashMap<>();
    private final Path journal;

    public SimulatedConnector() {
        this(null);
    }

    /** @param journal where each script received is appended as a JSON line before it runs; null for none */
    public SimulatedConnector(Path journal) {
        this.journal = journal;
    }

    @Override
    public Transport transport() {
        return Transport.SIMULATED;
    }

    /** Makes {@code host} answer {@code outcome} to matching scripts, before anything the inventory says. */
    public void program(String host, ScriptedOutcome outcome) {
        programmed.computeIfAbsent(host, h -> new CopyOnWriteArrayList<>()).add(0, outcome);
    }

    public void reset() {
        programmed.clear();
        synchronized (executions) {
            executions.clear();
        }
    }

    /** The scripts run so far, oldest first (the last thousand). */
    public List<Execution> executions() {
        synchronized (executions) {
            return List.copyOf(executions);
        }
    }

    @Override
    public CommandResult execute(Host host, String secret, PowerShellScript script, Duration timeout,
                                 OutputListener output) throws InterruptedException {
        long start = System.nanoTime();
        synchronized (executions) {
            executions.addLast(new Execution(host.name(), script.text()));
            if (executions.size() > KEPT_EXECUTIONS) {
                executions.removeFirst();
            }
            appendToJournal(host.name(), script.text());
        }
        ScriptedOutcome outcome = outcomeFor(host, script.text());
        if (outcome == null && script.text().contains(HostPreflight.MARKER)) {
            return preflight(script.text(), output, start);
        }
        if (outcome == null && script.text().contains(SecondHopCheck.MARKER)) {
            return secondHop(script.text(), output, start);
        }
        if (outcome == null) {
            String line = "[simulated " + host.name() + "] ran " + script.body().lines().count()
                    + " line(s) of PowerShell; nothing was changed";
            output.line(OutputListener.Stream.STDOUT, line);
            return new CommandResult(0, line + "\n", "", false, since(start));
        }
        long deadline = start + timeout.toNanos();
        StringBuilder stdout = new StringBuilder();
        for (String line : outcome.stdout()) {
            if (!sleepUntil(Math.min(System.nanoTime() + outcome.lineDelay().toNanos(), deadline), deadline)) {
                return CommandResult.timedOut(stdout.toString(), "", since(start));
            }
            stdout.append(line).append('\n');
            output.line(OutputListener.Stream.STDOUT, line);
        }
        if (!sleepUntil(Math.min(start + outcome.delay().toNanos(), deadline), deadline)) {
            return CommandResult.timedOut(stdout.toString(), "", since(start));
        }
        if (!outcome.stderr().isEmpty()) {
            outcome.stderr().lines().forEach(l -> output.line(OutputListener.Stream.STDERR, l));
        }
        return new CommandResult(outcome.exitCode(), stdout.toString(), outcome.stderr(), false, since(start));
    }

    /** One JSON line per script, written through to the file before the script "runs". */
    private void appendToJournal(String host, String script) {
        if (journal == null) {
            return;
        }
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("at", Instant.now().toString());
        entry.put("host", host);
        entry.put("script", script);
        try {
            Files.writeString(journal, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a journal entry could not be written as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException("simulated hosts cannot append to their journal " + journal, e);
        }
    }

    /**
     * The default answer to {@code /migrate check}: a PowerShell that answers, the Exchange 2007 snap-in when
     * the script asks for it, and no MailStore SPE service (the inventory can script hosts that have some).
     */
    private static CommandResult preflight(String text, OutputListener output, long start) {
        List<String> lines = new ArrayList<>();
        lines.add(HostPreflight.MARKER + " " + HostPreflight.POWERSHELL + " 5.1 (simulated)");
        if (text.contains(HostPreflight.MARKER + " " + HostPreflight.SNAPIN)) {
            lines.add(HostPreflight.MARKER + " " + HostPreflight.SNAPIN + " loaded");
        }
        lines.add(HostPreflight.MARKER + " " + HostPreflight.SERVICES + " 0");
        lines.forEach(l -> output.line(OutputListener.Stream.STDOUT, l));
        return new CommandResult(0, String.join("\n", lines) + "\n", "", false, since(start));
    }

    /** The default answer to the second-hop checks: a simulated session reaches the domain and every share. */
    private static CommandResult secondHop(String text, OutputListener output, long start) {
        String line = text.contains("$" + SecondHopCheck.PEER_VARIABLE)
                ? SecondHopCheck.MARKER + " " + SecondHopCheck.SHARE + " ok (simulated)"
                : SecondHopCheck.MARKER + " " + SecondHopCheck.DOMAIN + " ok DC=simulated,DC=example";
        output.line(OutputListener.Stream.STDOUT, line);
        return new CommandResult(0, line + "\n", "", false, since(start));
    }

    private ScriptedOutcome outcomeFor(Host host, String text) {
        for (ScriptedOutcome outcome : programmed.getOrDefault(host.name(), List.of())) {
            if (outcome.matches(text)) {
                return outcome;
            }
        }
        return host.simulate().stream().filter(o -> o.matches(text)).findFirst().orElse(null);
    }

    /** Sleeps until {@code until}; false when that is the deadline, i.e. time ran out. */
    private static boolean sleepUntil(long until, long deadline) throws InterruptedException {
        long wait = until - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        return until < deadline;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** One script as a simulated host received it. */
    public record Execution(String host, String script) {
    }
}
