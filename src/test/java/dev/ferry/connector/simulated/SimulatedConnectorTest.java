package dev.ferry.connector.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.connector.CommandResult;
import dev.ferry.connector.Host;
import dev.ferry.connector.OutputListener;
import dev.ferry.connector.PowerShellScript;
import dev.ferry.connector.ScriptedOutcome;
import dev.ferry.connector.Transport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SimulatedConnectorTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final SimulatedConnector connector = new SimulatedConnector();
    private final Host host = new Host("sim-01", "sim-01.example.net", Transport.SIMULATED, null, null, List.of());

    /** One line as the listener received it, with the time it arrived. */
    private record Received(OutputListener.Stream stream, String line, long nanos) {
    }

    private static final class Recorder implements OutputListener {
        final List<Received> lines = new CopyOnWriteArrayList<>();

        @Override
        public void line(Stream stream, String line) {
            lines.add(new Received(stream, line, System.nanoTime()));
        }

        List<String> texts(Stream stream) {
            return lines.stream().filter(r -> r.stream() == stream).map(Received::line).toList();
        }
    }

    @Test
    void isTheSimulatedTransport() {
        assertThat(connector.transport()).isEqualTo(Transport.SIMULATED);
    }

    @Test
    void succeedsByDefaultWithOneLineOfOutput() throws InterruptedException {
        Recorder output = new Recorder();

        CommandResult result = connector.execute(host, PowerShellScript.of("Get-Date\nGet-Service"), LONG, output);

        String line = "[simulated sim-01] ran 2 line(s) of PowerShell; nothing was changed";
        assertThat(result.exitCode()).isZero();
        assertThat(result.succeeded()).isTrue();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.stdout()).isEqualTo(line + "\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(output.texts(OutputListener.Stream.STDOUT)).containsExactly(line);
        assertThat(output.texts(OutputListener.Stream.STDERR)).isEmpty();
    }

    @Test
    void recordsEachExecutionWithTheHostAndTheExactScriptText() throws InterruptedException {
        Host other = new Host("sim-02", "sim-02.example.net", Transport.SIMULATED, null, null, List.of());
        PowerShellScript first = PowerShellScript.builder("Stop-Service $name").string("name", "it's").build();
        PowerShellScript second = PowerShellScript.of("Get-Date");

        connector.execute(host, first, LONG, OutputListener.NONE);
        List<SimulatedConnector.Execution> afterFirst = connector.executions();
        connector.execute(other, second, LONG, OutputListener.NONE);

        assertThat(connector.executions()).containsExactly(
                new SimulatedConnector.Execution("sim-01", "$name = 'it''s'\nStop-Service $name"),
                new SimulatedConnector.Execution("sim-02", "Get-Date"));
        assertThat(afterFirst).as("executions() is a snapshot").hasSize(1);
    }

    @Test
    void answersAProgrammedFailureWithItsExitCodeAndStderr() throws InterruptedException {
        connector.program("sim-01", ScriptedOutcome.failure("Remove-Mailbox", 3, "access denied\nsecond line"));
        Recorder output = new Recorder();

        CommandResult result = connector.execute(host, PowerShellScript.of("Remove-Mailbox -Identity x"), LONG, output);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEqualTo("access denied\nsecond line");
        assertThat(output.texts(OutputListener.Stream.STDERR)).containsExactly("access denied", "second line");
        assertThat(output.texts(OutputListener.Stream.STDOUT)).isEmpty();
    }

    @Test
    void answersDefaultSuccessToScriptsAProgrammedOutcomeDoesNotMatch() throws InterruptedException {
        connector.program("sim-01", ScriptedOutcome.failure("Remove-Mailbox", 3, "denied"));
        Host other = new Host("sim-02", "sim-02.example.net", Transport.SIMULATED, null, null, List.of());

        assertThat(connector.execute(host, PowerShellScript.of("Get-Mailbox"), LONG, OutputListener.NONE).exitCode())
                .isZero();
        assertThat(connector.execute(other, PowerShellScript.of("Remove-Mailbox"), LONG, OutputListener.NONE)
                .exitCode()).as("an outcome programmed for sim-01 does not apply to sim-02").isZero();
    }

    @Test
    void matchesOutcomesAgainstTheWholeTextIncludingBoundValues() throws InterruptedException {
        connector.program("sim-01", ScriptedOutcome.failure("'mbx-42'", 9, "no such mailbox"));
        PowerShellScript script = PowerShellScript.builder("Get-Mailbox $id").string("id", "mbx-42").build();

        assertThat(connector.execute(host, script, LONG, OutputListener.NONE).exitCode()).isEqualTo(9);
    }

    @Test
    void streamsSlowOutputLineByLineInOrder() throws InterruptedException {
        Duration lineDelay = Duration.ofMillis(60);
        connector.program("sim-01", ScriptedOutcome.slowOutput("Move-Mailbox", List.of("one", "two", "three"),
                lineDelay));
        Recorder output = new Recorder();
        long start = System.nanoTime();

        CommandResult result = connector.execute(host, PowerShellScript.of("Move-Mailbox x"), LONG, output);
        long end = System.nanoTime();

        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout()).isEqualTo("one\ntwo\nthree\n");
        assertThat(output.lines).extracting(Received::line).containsExactly("one", "two", "three");
        long previous = start;
        for (Received received : output.lines) {
            assertThat(received.stream()).isEqualTo(OutputListener.Stream.STDOUT);
            assertThat(Duration.ofNanos(received.nanos() - previous))
                    .as("each line waits its line delay").isGreaterThanOrEqualTo(Duration.ofMillis(50));
            previous = received.nanos();
        }
        assertThat(Duration.ofNanos(end - output.lines.get(0).nanos()))
                .as("the first line arrives while the script still runs, not at its end")
                .isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(result.duration()).isGreaterThanOrEqualTo(lineDelay.multipliedBy(3));
    }

    @Test
    void reportsAHangingScriptAsTimedOutAfterTheTimeout() throws InterruptedException {
        connector.program("sim-01", ScriptedOutcome.hang("Wait-Forever"));
        Duration timeout = Duration.ofMillis(200);
        long start = System.nanoTime();

        CommandResult result = connector.execute(host, PowerShellScript.of("Wait-Forever"), timeout,
                OutputListener.NONE);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEqualTo(CommandResult.NO_EXIT_CODE);
        assertThat(result.duration()).isGreaterThanOrEqualTo(timeout).isLessThan(Duration.ofSeconds(3));
        assertThat(elapsed).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void keepsTheOutputThatArrivedBeforeATimeout() throws InterruptedException {
        // Wide margins: "b" comes out as long as "a" is not 300 ms late, which a loaded CI machine can manage.
        connector.program("sim-01", ScriptedOutcome.slowOutput("Export", List.of("a", "b", "c", "d"),
                Duration.ofMillis(500)));
        Recorder output = new Recorder();

        CommandResult result = connector.execute(host, PowerShellScript.of("Export"), Duration.ofMillis(1300), output);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.stdout()).isEqualTo("a\nb\n");
        assertThat(output.texts(OutputListener.Stream.STDOUT)).containsExactly("a", "b");
        assertThat(result.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(1300)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void endsAHangingExecutionWithInterruptedExceptionWhenTheCallerIsInterrupted() throws InterruptedException {
        connector.program("sim-01", ScriptedOutcome.hang("Wait-Forever"));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.set(connector.execute(host, PowerShellScript.of("Wait-Forever"), LONG, OutputListener.NONE));
            } catch (InterruptedException e) {
                outcome.set(e);
            }
        }, "simulated-caller");

        caller.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (connector.executions().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(connector.executions()).as("the execution started").hasSize(1);
        Thread.sleep(50);
        long interrupted = System.nanoTime();
        caller.interrupt();
        caller.join(5_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void programmedOutcomesWinOverTheInventoryAndResetClearsThem() throws InterruptedException {
        Host scripted = new Host("sim-01", "sim-01.example.net", Transport.SIMULATED, null, null,
                List.of(ScriptedOutcome.failure("Stop-Service", 1, "from the inventory")));
        connector.program("sim-01", ScriptedOutcome.failure("Stop-Service", 7, "programmed"));
        PowerShellScript script = PowerShellScript.of("Stop-Service x");

        CommandResult programmed = connector.execute(scripted, script, LONG, OutputListener.NONE);
        connector.reset();
        assertThat(connector.executions()).as("reset forgets the executions too").isEmpty();
        CommandResult fromInventory = connector.execute(scripted, script, LONG, OutputListener.NONE);

        assertThat(programmed.exitCode()).isEqualTo(7);
        assertThat(programmed.stderr()).isEqualTo("programmed");
        assertThat(fromInventory.exitCode()).isEqualTo(1);
        assertThat(fromInventory.stderr()).isEqualTo("from the inventory");
        assertThat(connector.executions()).hasSize(1);
    }

    @Test
    void theLatestProgrammedOutcomeWins() throws InterruptedException {
        connector.program("sim-01", ScriptedOutcome.failure("Stop-Service", 7, "first"));
        connector.program("sim-01", ScriptedOutcome.failure("Stop", 8, "second"));

        CommandResult result = connector.execute(host, PowerShellScript.of("Stop-Service x"), LONG, OutputListener.NONE);

        assertThat(result.exitCode()).isEqualTo(8);
    }

    @Test
    void theFirstMatchingInventoryOutcomeWins() throws InterruptedException {
        Host scripted = new Host("sim-01", "sim-01.example.net", Transport.SIMULATED, null, null, List.of(
                ScriptedOutcome.failure("Get-Mailbox", 4, "first"),
                ScriptedOutcome.failure("Get-", 5, "second")));

        assertThat(connector.execute(scripted, PowerShellScript.of("Get-Mailbox"), LONG, OutputListener.NONE)
                .exitCode()).isEqualTo(4);
        assertThat(connector.execute(scripted, PowerShellScript.of("Get-Date"), LONG, OutputListener.NONE)
                .exitCode()).isEqualTo(5);
    }

    @Test
    void keepsOnlyTheLastThousandExecutions() throws InterruptedException {
        for (int i = 0; i < 1_005; i++) {
            connector.execute(host, PowerShellScript.of("Write-Output " + i), LONG, OutputListener.NONE);
        }

        List<SimulatedConnector.Execution> executions = connector.executions();

        assertThat(executions).hasSize(1_000);
        assertThat(executions.get(0).script()).isEqualTo("Write-Output 5");
        assertThat(executions.get(999).script()).isEqualTo("Write-Output 1004");
    }
}
