package dev.ferry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryTest;
import dev.ferry.access.Actor;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.run.RunEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@FerryTest
class CommandDispatcherTest {

    private static final Actor ALICE = new Actor("console", "alice", "alice");

    @Autowired
    CommandDispatcher dispatcher;
    @Autowired
    SimulatedConnector hosts;
    @Autowired
    RunEngine engine;

    @BeforeEach
    void clean() {
        hosts.reset();
    }

    @AfterEach
    void settle() throws InterruptedException {
        engine.awaitIdle();
    }

    @Test
    void helpListAndShowDescribeTheCatalog() {
        assertThat(text(" help")).contains("/migrate plan <procedure>", "mark-done");
        assertThat(text("")).contains("/migrate start");
        assertThat(text("list")).contains("test-move — Move a test role to a new server (4 steps)",
                "test-idempotent", "test-approval");
        assertThat(text("show test-move"))
                .contains("oldServer — host, required", "mfaEnabled — boolean, optional, default false",
                        "pfxPassword — secret, required",
                        "2. Stop the service on the old server [powershell on oldServer]",
                        "1. Disable MFA for administrators [manual, when mfaEnabled]",
                        "3. Verify the service is stopped [check on oldServer, needs active-directory, share: newServer]");
        assertThat(text("hosts")).contains("spe-ih-01 — spe-ih-01.corp.example.net via simulated");
    }

    @Test
    void planShowsEveryStepWithItsRenderedScriptAndRunsNothing() {
        int activeBefore = engine.active().size();
        Reply plan = dispatcher.dispatch("plan test-move oldServer=spe-ih-01 newServer=spe-ih-02 pfxPassword=hunter2",
                ALICE, "console");

        assertThat(plan.error()).isFalse();
        String text = plan.plainText();
        assertThat(text).contains("nothing runs", "when mfaEnabled → does not apply: skipped",
                "⚠ This stops production.", "| $pfxPassword = '********'", "| Stop-Service -Name 'TestRole'",
                "   needs, from spe-ih-01: active-directory, the administrative share C$ of spe-ih-02")
                .doesNotContain("hunter2");
        assertThat(plan.parts()).filteredOn(p -> p instanceof Reply.Code).hasSize(2);
        assertThat(hosts.executions()).isEmpty();
        assertThat(engine.active()).hasSize(activeBefore);
    }

    @Test
    void badInputGetsOneClearAnswerEach() {
        assertThat(error("frobnicate")).contains("'frobnicate' is not a /migrate command", "help, list, show");
        assertThat(error("show test-mvoe")).contains("There is no procedure 'test-mvoe'", "Did you mean test-move?");
        assertThat(error("show")).contains("/migrate show needs a procedure");
        assertThat(error("start test-move oldServer=spe-ih-01"))
                .contains("parameter newServer is missing: Server that takes the role",
                        "parameter pfxPassword is missing", "Nothing was started");
        assertThat(error("start test-move oldServer=spe-ih-99 newServer=spe-ih-02 pfxPassword=x"))
                .contains("parameter oldServer: 'spe-ih-99' is not a host of the inventory");
        assertThat(error("plan test-move oldServer=spe-ih-01 newServer=spe-ih-02 pfxPassword=x mfaEnabled=maybe"))
                .contains("parameter mfaEnabled: 'maybe' is not true or false");
        assertThat(error("start test-move oldServer=spe-ih-01 newServer=spe-ih-02 pfxPassword=x colour=blue"))
                .contains("unknown parameter 'colour'; test-move takes oldServer, newServer, mfaEnabled, pfxPassword");
        assertThat(error("start test-move spe-ih-01")).contains("'spe-ih-01' is not name=value");
        assertThat(error("start test-move oldServer=\"spe-ih-01")).contains("a quote is not closed");
        assertThat(error("start test-move oldServer=a oldServer=b")).contains("parameter oldServer is given twice");
        assertThat(error("status R424242")).contains("There is no run R424242");
        assertThat(error("abort")).contains("/migrate abort needs a run id");
        assertThat(error("resume R424242")).contains("There is no run R424242");
        assertThat(hosts.executions()).isEmpty();
    }

    @Test
    void aStartThatLacksOnlyRequiredParametersAsksForThemWithAForm() {
        Reply reply = dispatcher.dispatch("start test-move oldServer=spe-ih-01", ALICE, "console");

        assertThat(reply.error()).isTrue();
        Reply.Form form = reply.form().orElseThrow();
        assertThat(form.procedureId()).isEqualTo("test-move");
        assertThat(form.fields()).extracting(p -> p.name()).containsExactly("newServer", "pfxPassword");
        assertThat(form.given()).containsEntry("oldServer", "spe-ih-01");
        assertThat(dispatcher.dispatch("start test-move oldServer=nope", ALICE, "console").form()).isEmpty();
    }

    @Test
    void validateNamesEachFieldInError() {
        assertThat(dispatcher.lookups().validate("test-move", java.util.Map.of("oldServer", "nope", "newServer", "spe-ih-02",
                "mfaEnabled", "maybe", "colour", "blue")))
                .containsOnlyKeys("oldServer", "mfaEnabled", "pfxPassword", "colour")
                .containsEntry("mfaEnabled", "'maybe' is not true or false")
                .containsEntry("pfxPassword", "required: a secret value; it is never shown or stored");
        assertThat(dispatcher.lookups().validate("test-move", java.util.Map.of("oldServer", "spe-ih-01", "newServer", "spe-ih-02",
                "pfxPassword", "x"))).isEmpty();
    }

    @Test
    void aSecretNeverComesBackInAnAnswer() {
        String reply = dispatcher.dispatch("start test-move oldServer=nope newServer=spe-ih-02 pfxPassword=TopSecret1",
                ALICE, "console").plainText();
        assertThat(reply).contains("oldServer").doesNotContain("TopSecret1");
    }

    @Test
    void redactMasksSecretParametersOnly() {
        assertThat(dispatcher.redact("start test-move oldServer=spe-ih-01 pfxPassword=TopSecret1"))
                .isEqualTo("start test-move oldServer=spe-ih-01 pfxPassword=********");
        assertThat(dispatcher.redact("resume R1 anything=TopSecret1")).isEqualTo("resume R1 anything=********");
        assertThat(dispatcher.redact("start nope pfxPassword=TopSecret1")).doesNotContain("TopSecret1");
        assertThat(dispatcher.redact("start test-move pfxPassword=\"Top Secret")).doesNotContain("Top Secret");
        assertThat(dispatcher.redact("list")).isEqualTo("list");
    }

    @Test
    void startThenStatusAndAbortThroughCommands() {
        Reply started = dispatcher.dispatch("start test-move oldServer=spe-ih-01 newServer=spe-ih-02 pfxPassword=x",
                ALICE, "console");
        String runId = started.plainText().replaceAll("(?s).*Started run (R\\d+).*", "$1");

        assertThat(text("status")).contains(runId + " — test-move, started by alice");
        assertThat(text("status " + runId)).contains("→ 2. stop-service — waiting", "1. disable-mfa — not applicable",
                "pfxPassword=********");
        assertThat(dispatcher.press(runId + ":stop-service:1", "done", ALICE).plainText())
                .contains("'done' is not a button");
        assertThat(dispatcher.press("garbage", "run", ALICE).plainText()).contains("not one Ferry knows");
        assertThat(text("abort " + runId)).contains("alice pressed Abort on step 2 'stop-service'");
        assertThat(text("status " + runId)).contains("Status: aborted");
        assertThat(error("resume " + runId)).contains("there is nothing to resume");
    }

    @Test
    void checkRunsThePreflightOnASimulatedHost() {
        assertThat(text("check spe-01")).contains("Check of spe-01 (spe-01.corp.example.net via simulated):",
                "✓ reachable: spe-01.corp.example.net", "✓ login: simulated",
                "✓ PowerShell: version 5.1.17763.6414 (simulated)",
                "– Exchange 2007 snap-in: the host is not marked exchange: \"2007\"",
                "✓ MailStore SPE services: MailStoreSPEManagementServer (MailStore SPE Management Server): Running;",
                "MailStoreSPEClientAccessServer (MailStore SPE Client Access Server): Running",
                "Ready: procedures can run on spe-01.");
        assertThat(text("check ex2007-a")).contains("✓ PowerShell: version 5.1 (simulated)",
                "✓ Exchange 2007 snap-in: Microsoft.Exchange.Management.PowerShell.Admin loads",
                "✓ MailStore SPE services: none installed");
        assertThat(hosts.executions()).extracting(SimulatedConnector.Execution::script)
                .allMatch(script -> script.contains("FERRY-PREFLIGHT"));
    }

    @Test
    void checkSaysWhatFailed() {
        hosts.program("spe-02", dev.ferry.connector.ScriptedOutcome.failure("FERRY-PREFLIGHT", 1,
                "The term '$PSVersionTable' is not recognized"));

        assertThat(error("check spe-02")).contains("✗ PowerShell: exit code 1: The term '$PSVersionTable' is not recognized",
                "– MailStore SPE services: PowerShell did not answer", "Not ready: fix what is marked ✗");
        assertThat(error("check")).contains("/migrate check needs a host");
        assertThat(error("check spe-99")).contains("There is no host 'spe-99'", "/migrate hosts");
    }

    private String text(String command) {
        Reply reply = dispatcher.dispatch(command, ALICE, "console");
        assertThat(reply.error()).as(reply.plainText()).isFalse();
        return reply.plainText();
    }

    private String error(String command) {
        Reply reply = dispatcher.dispatch(command, ALICE, "console");
        assertThat(reply.error()).as(reply.plainText()).isTrue();
        assertThat(reply.plainText()).doesNotContain("Exception", "\tat ");
        return reply.plainText();
    }
}
