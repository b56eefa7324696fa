package dev.ferry.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryApplication;
import dev.ferry.access.Actor;
import dev.ferry.chat.Outcome;
import dev.ferry.chat.RefusalWords;
import dev.ferry.connector.ScriptedOutcome;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.procedure.ParameterBinder;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Ferry stopped and started again on the same H2 file: runs go on exactly where they were. */
class RestartTest {

    private static final Actor ALICE = new Actor("console", "alice", "alice");

    @TempDir
    Path data;

    @Test
    void aRunResumesWhereItWasAndAStepCutOffByTheStopIsNotRunAgain() throws Exception {
        String runId;
        try (ConfigurableApplicationContext first = ferry()) {
            RunEngine engine = first.getBean(RunEngine.class);
            first.getBean(SimulatedConnector.class).program("spe-ih-02",
                    new ScriptedOutcome(java.util.regex.Pattern.compile("Stop-Service"), 0, null, null, null,
                            Duration.ofMinutes(5)));
            Procedure procedure = first.getBean(ProcedureCatalog.class).find("test-move").orElseThrow();
            Run run = engine.start(procedure, new ParameterBinder(n -> true).bind(procedure,
                    Map.of("oldServer", "spe-ih-02", "newServer", "spe-ih-01", "pfxPassword", "secret-1")), ALICE, "console");
            runId = run.id();
            engine.press(new Press(runId, "stop-service", 1, Action.RUN, ALICE));
            awaitExecuting(engine, runId);
        }
        // The first Ferry stopped while the script ran, as after a crash or a kill.

        try (ConfigurableApplicationContext second = ferry()) {
            RunEngine engine = second.getBean(RunEngine.class);
            SimulatedConnector hosts = second.getBean(SimulatedConnector.class);
            RunSnapshot snapshot = engine.snapshot(runId).orElseThrow();

            assertThat(snapshot.run().status()).isEqualTo(RunStatus.ACTIVE);
            assertThat(snapshot.run().currentIndex()).isEqualTo(1);
            assertThat(snapshot.steps().get(0).state()).isEqualTo(StepState.NOT_APPLICABLE);
            assertThat(snapshot.steps().get(1).state()).isEqualTo(StepState.OUTCOME_UNKNOWN);
            assertThat(hosts.executions()).isEmpty();

            // Secrets lived only in the first Ferry's memory: a retry asks for them again.
            Outcome withoutSecret = RefusalWords.of(engine.press(new Press(runId, "stop-service", 1, Action.RETRY,
                    ALICE)));
            assertThat(withoutSecret.accepted()).isFalse();
            assertThat(withoutSecret.message()).contains("needs secret pfxPassword",
                    "/migrate resume " + runId + " pfxPassword=<value>");
            assertThat(engine.missingSecrets(runId)).containsExactly("pfxPassword");
            assertThat(second.getBean(dev.ferry.chat.CommandDispatcher.class).dispatch("status " + runId, ALICE, "console")
                    .plainText()).contains("no longer holds pfxPassword: give it again with /migrate resume " + runId
                            + " pfxPassword=<value>");

            assertThat(engine.resume(runId, ALICE, Map.of("pfxPassword", "secret-1")).accepted()).isTrue();
            assertThat(engine.press(new Press(runId, "stop-service", 1, Action.RETRY, ALICE)).accepted()).isTrue();
            engine.awaitIdle();
            assertThat(hosts.executions().get(0).script()).startsWith("$pfxPassword = 'secret-1'");
            assertThat(engine.snapshot(runId).orElseThrow().steps().get(3).state()).isEqualTo(StepState.WAITING);
        }

        try (ConfigurableApplicationContext third = ferry()) {
            RunEngine engine = third.getBean(RunEngine.class);
            assertThat(engine.snapshot(runId).orElseThrow().current().stepId()).isEqualTo("look");
            assertThat(engine.press(new Press(runId, "look", 1, Action.DONE, ALICE)).accepted()).isTrue();
            assertThat(engine.snapshot(runId).orElseThrow().run().status()).isEqualTo(RunStatus.FINISHED);
        }
    }

    private ConfigurableApplicationContext ferry() {
        return new SpringApplicationBuilder(FerryApplication.class).run(
                "--ferry.console.enabled=false",
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("ferry") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--ferry.procedures.directory=src/test/resources/procedures",
                "--logging.file.name=",
                "--logging.threshold.console=warn");
    }

    private static void awaitExecuting(RunEngine engine, String runId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (engine.snapshot(runId).orElseThrow().steps().get(1).state() != StepState.EXECUTING) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the step never started");
            }
            Thread.sleep(10);
        }
    }
}
