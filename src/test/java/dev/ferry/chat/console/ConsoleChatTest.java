package dev.ferry.chat.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryTest;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.connector.ScriptedOutcome;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.run.RunEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** A scripted console session, as `printf ... | java -jar ferry.jar` runs it. */
@FerryTest
class ConsoleChatTest {

    @Autowired
    CommandDispatcher dispatcher;
    @Autowired
    RunEngine engine;
    @Autowired
    SimulatedConnector hosts;

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    @TempDir
    Path files;
    private ConsoleChat console;

    @BeforeEach
    void open() {
        hosts.reset();
        console = new ConsoleChat(dispatcher, "carol", new PrintStream(screen, true, StandardCharsets.UTF_8),
                files, engine::awaitIdle, true);
        engine.subscribe(console);
    }

    @AfterEach
    void close() {
        engine.unsubscribe(console);
    }

    @Test
    void aPipedSessionWalksARunToItsEnd() throws Exception {
        String out = session("""
                /migrate list
                hello ferry
                /migrate start test-move oldServer=spe-ih-02 newServer=spe-ih-01 pfxPassword=pw
                done
                run
                done
                run
                /migrate status
                """);

        assertThat(out).contains("> hello ferry", "! Not a command: 'hello ferry'. Commands start with /migrate");
        assertThat(out).containsSubsequence(
                "══ Run R", "test-move v1", "started by carol",
                "step 1/4 · disable-mfa: not applicable · condition mfaEnabled is false for this run",
                "── R", "step 2/4 · Stop the service on the old server",
                "powershell on spe-ih-02 · timeout 2s",
                "⚠ This stops production.",
                "| $pfxPassword = '********'",
                "→ type: run · skip · abort",
                "> done", "! 'done' is not a button of step 'stop-service' while it is waiting",
                "> run", "stop-service: running · started by carol",
                "│ [simulated spe-ih-02] ran 2 line(s)",
                "stop-service: succeeded · exit code 0",
                "verify-stopped: succeeded",
                "step 4/4 · Look at the dashboard", "→ type: done · skip · abort",
                "> done", "look: done · by carol",
                "finished · 1 not applicable, 2 succeeded, 1 done",
                "> run", "! No step is waiting in this console",
                "> /migrate status",
                "Ferry console closed.");
        assertThat(out).contains("> /migrate start test-move oldServer=spe-ih-02 newServer=spe-ih-01 pfxPassword=********")
                .doesNotContain("pw\n", "Exception");
    }

    @Test
    void aFailedStepIsRetriedByTypingRetry() throws Exception {
        hosts.program("spe-ih-02", ScriptedOutcome.failure("Stop-Service", 1, "Cannot find any service"));
        String out = session("""
                /migrate start test-move oldServer=spe-ih-02 newServer=spe-ih-01 pfxPassword=pw
                run
                mark-done
                done
                """);
        assertThat(out).containsSubsequence(
                "stop-service: running",
                "! Cannot find any service",
                "failed · exit code 1",
                "→ type: retry · mark-done · abort",
                "> mark-done",
                "stop-service: marked done · by carol after it was failed",
                "look: done");
    }

    @Test
    void aButtonCanNameItsRun() throws Exception {
        String out = session("""
                /migrate start test-idempotent server=spe-ih-02
                abort r424242
                skip
                abort
                """);
        assertThat(out).contains("! This console has not shown a step of R424242 yet; /migrate resume R424242")
                .contains("update-lists: skipped · by carol")
                .contains("move-things: aborted · by carol")
                .contains("aborted · 1 skipped, 1 aborted");
    }

    private String session(String input) throws Exception {
        console.serve(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        return screen.toString(StandardCharsets.UTF_8);
    }
}
