package dev.ferry.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ferry.access.Actor;
import dev.ferry.connector.Connectors;
import dev.ferry.connector.HostInventory;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class StepRunnerTest {

    @Test
    void aStepCancelledBeforeItsTaskStartedDoesNotKeepTheRunnerBusy() throws Exception {
        SimulatedConnector simulated = new SimulatedConnector();
        ExecutorService oneWorker = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        oneWorker.submit(() -> {
            release.await();
            return null;
        });
        try {
            StepRunner runner = new StepRunner(new Connectors(List.of(simulated)),
                    HostInventory.load(Path.of("config/hosts.yml")), oneWorker, Clock.systemUTC());
            runner.report(new StepRunner.Reports() {
                @Override
                public void output(RunEvent.StepOutput output) {
                }

                @Override
                public void finished(StepRecord executed, StepRecord result) {
                }
            });
            Procedure procedure = ProcedureLoader.load(Path.of("src/test/resources/procedures/test-idempotent.yml"));
            Run run = new Run("R1", procedure.id(), 1, Map.of("server", "spe-ih-02"), RunStatus.ACTIVE, 0,
                    new Actor("console", "a", "a"), "console", Instant.now(), Instant.now());
            StepRecord executing = new StepRecord("R1", 0, "update-lists", StepState.EXECUTING, 1, "a", "console:a",
                    Instant.now(), null, null, null, null);

            runner.submit(new RunSnapshot(run, procedure, List.of(executing)), executing, run.parameters());
            runner.cancel(executing);

            assertTimeoutPreemptively(Duration.ofSeconds(5), runner::awaitIdle);
            release.countDown();
            oneWorker.shutdown();
            assertThat(oneWorker.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(simulated.executions()).isEmpty();
        } finally {
            oneWorker.shutdownNow();
        }
    }
}
