package dev.ferry.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.access.Actor;
import dev.ferry.chat.Outcome;
import dev.ferry.chat.RefusalWords;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.procedure.ParameterBinder;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.procedure.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Every built-in procedure of config/procedures, walked to its end on the simulated hosts. */
@SpringBootTest(properties = {
        "ferry.console.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:ferry-builtin;DB_CLOSE_DELAY=-1",
        "logging.file.name=",
        "logging.threshold.console=warn"})
class BuiltInProceduresRunTest {

    private static final Actor DAVE = new Actor("console", "dave", "dave");
    /** The on-call approver: never the requester (dave), as the two-person rule wants. */
    private static final Actor ERIN = new Actor("console", "erin", "erin");

    @Autowired
    RunEngine engine;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    SimulatedConnector hosts;

    @BeforeEach
    void clean() {
        hosts.reset();
    }

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("mailstore-spe-move-instance-host",
                        Map.of("oldServer", "spe-ih-01", "newServer", "spe-ih-02")),
                Arguments.of("mailstore-spe-move-client-access-server",
                        Map.of("oldServer", "spe-cas-01", "newServer", "spe-cas-02", "pfxPassword", "Pfx-1")),
                Arguments.of("mailstore-spe-move-management-server",
                        Map.of("oldServer", "spe-ms-01", "newServer", "spe-ms-02", "mfaEnabled", "true",
                                "smtpPasswordSet", "false")),
                Arguments.of("mailstore-spe-move-single-server",
                        Map.of("oldServer", "spe-01", "newServer", "spe-02", "mfaEnabled", "false",
                                "smtpPasswordSet", "true", "hostnameChanged", "true",
                                "instanceDataDirectories", "E:\\MailStore\\Instances", "pfxPassword", "Pfx-2")),
                Arguments.of("exchange-2007-cross-forest",
                        Map.of("exchangeServer", "ex2007-a", "moveAllMailboxesNow", "false",
                                "relayThroughAnyForest", "true", "authoritativeDomain", "forest-a.example.net",
                                "remoteForestDomains", "forest-b.example.net",
                                "remoteSmartHosts", "ex2003.forest-b.example.net",
                                "connectorAccount", "FORESTB\\relay", "connectorPassword", "Relay-1",
                                "targetDatabase", "EX2007\\SG1\\DB1", "legacyServer", "ex2003")),
                Arguments.of("galsync-update", Map.of("exchangeServer", "ex2007-a", "scope", "frommiis")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void walksToItsEndWithEveryApplicableScriptRunOnItsTarget(String id, Map<String, String> raw) throws Exception {
        Procedure procedure = catalog.find(id).orElseThrow();
        Run run = engine.start(procedure, new ParameterBinder(n -> true).bind(procedure, raw), DAVE, "console");
        List<String> expectedHosts = new ArrayList<>();
        engine.awaitIdle();

        for (int presses = 0; presses < 100; presses++) {
            RunSnapshot snapshot = engine.snapshot(run.id()).orElseThrow();
            if (snapshot.run().status().ended()) {
                break;
            }
            StepRecord current = snapshot.current();
            Step step = procedure.steps().get(current.index());
            if (current.state() == StepState.AWAITING_APPROVAL) {
                Outcome approved = RefusalWords.of(engine.press(new Press(run.id(), step.id(), current.attempt(),
                        Action.APPROVE, ERIN)));
                assertThat(approved.accepted()).as(approved.message()).isTrue();
                engine.awaitIdle();
                continue;
            }
            assertThat(current.state()).as(step.id()).isEqualTo(StepState.WAITING);
            Action action = step.kind().runsScript() ? Action.RUN : Action.DONE;
            if (step.kind().runsScript()) {
                expectedHosts.add(raw.get(step.target()));
            }
            Outcome outcome = RefusalWords.of(engine.press(new Press(run.id(), step.id(), current.attempt(), action,
                    DAVE)));
            assertThat(outcome.accepted()).as(outcome.message()).isTrue();
            engine.awaitIdle();
        }

        RunSnapshot end = engine.snapshot(run.id()).orElseThrow();
        assertThat(end.run().status()).isEqualTo(RunStatus.FINISHED);
        assertThat(end.steps()).allSatisfy(s -> assertThat(s.state()).isIn(StepState.DONE, StepState.SUCCEEDED,
                StepState.NOT_APPLICABLE));
        // Checks run by themselves; their hosts come on top of the pressed scripts'.
        List<String> checkHosts = new ArrayList<>();
        for (StepRecord record : end.steps()) {
            Step step = procedure.steps().get(record.index());
            if (step.kind() == dev.ferry.procedure.StepKind.CHECK && record.state() == StepState.SUCCEEDED) {
                checkHosts.add(raw.get(step.target()));
            }
        }
        assertThat(hosts.executions()).extracting(SimulatedConnector.Execution::host)
                .containsExactlyInAnyOrderElementsOf(Stream.concat(expectedHosts.stream(), checkHosts.stream()).toList());
    }
}
