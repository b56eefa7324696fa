package dev.ferry.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.connector.PreflightReport.Check;
import dev.ferry.connector.PreflightReport.Status;
import dev.ferry.connector.simulated.SimulatedConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecondHopCheckTest {

    @TempDir
    Path directory;

    private final SimulatedConnector simulated = new SimulatedConnector();
    /** Stands in for a Windows host without delegation: its session reaches the host and no further. */
    private final List<String> windowsScripts = new ArrayList<>();
    private final Connector windows = new Connector() {
        @Override
        public Transport transport() {
            return Transport.WINRM;
        }

        @Override
        public CommandResult execute(Host host, String secret, PowerShellScript script, Duration timeout,
                                     OutputListener output) {
            windowsScripts.add(script.text());
            String key = script.text().contains("$" + SecondHopCheck.PEER_VARIABLE) ? "share" : "active-directory";
            return new CommandResult(0, SecondHopCheck.MARKER + " " + key + " failed: Access is denied.\n", "",
                    false, Duration.ZERO);
        }
    };
    private final SecondHopCheck check = new SecondHopCheck(new Connectors(List.of(simulated, windows)),
            Duration.ofSeconds(30));

    private HostInventory inventory() throws IOException {
        Path secret = directory.resolve("secret");
        Files.writeString(secret, "not-a-real-password");
        Path file = directory.resolve("hosts.yml");
        Files.writeString(file, """
                hosts:
                  sim-new:
                    address: sim-new.corp.example.net
                    transport: simulated
                  sim-old:
                    address: sim-old.corp.example.net
                    transport: simulated
                  sim-nodeleg:
                    address: sim-nodeleg.corp.example.net
                    transport: simulated
                    simulate:
                      - match: "FERRY-SECOND-HOP"
                        stdout: ["FERRY-SECOND-HOP share failed: Access is denied"]
                  ex-ntlm:
                    address: ex-ntlm.corp.example.net
                    transport: winrm
                    auth: ntlm
                    user: CORP\\svc-ferry
                    credential: file:SECRET
                  ex-basic:
                    address: ex-basic.corp.example.net
                    transport: winrm
                    auth: basic
                    user: svc-ferry
                    credential: file:SECRET
                """.replace("SECRET", secret.toString()));
        return HostInventory.load(file);
    }

    @Test
    void aSimulatedHostPassesByDefaultAndThePeerAddressIsBoundNotWritten() throws Exception {
        HostInventory hosts = inventory();
        Host host = hosts.find("sim-new").orElseThrow();
        List<Check> checks = check.all(host, true, List.of(hosts.find("sim-old").orElseThrow()));

        assertThat(checks).extracting(Check::status).containsExactly(Status.PASSED, Status.PASSED);
        assertThat(checks.get(0).detail()).isEqualTo("bound to DC=simulated,DC=example");
        assertThat(checks.get(1).detail()).isEqualTo("sim-new reads \\\\sim-old.corp.example.net\\C$");
        String shareScript = simulated.executions().get(1).script();
        assertThat(shareScript).startsWith("$ferryPeer = 'sim-old.corp.example.net'\n");
        assertThat(shareScript.substring(shareScript.indexOf('\n') + 1)).doesNotContain("sim-old")
                .isEqualTo(SecondHopCheck.SHARE_SCRIPT);
    }

    @Test
    void theScriptsStayWithinPowerShellOne() {
        for (String script : List.of(SecondHopCheck.DOMAIN_SCRIPT, SecondHopCheck.SHARE_SCRIPT)) {
            assertThat(script).contains("trap {").doesNotContain("try {", "catch", "[ordered]", "-ErrorVariable",
                    "Get-CimInstance", "::new(");
        }
    }

    @Test
    void aSimulatedHostScriptedToFailNamesHostShareAndWhatWouldFixIt() throws Exception {
        HostInventory hosts = inventory();
        Check share = check.share(hosts.find("sim-nodeleg").orElseThrow(), hosts.find("sim-old").orElseThrow());

        assertThat(share.status()).isEqualTo(Status.FAILED);
        assertThat(share.name()).isEqualTo("second hop: share of sim-old");
        assertThat(share.detail()).startsWith("sim-nodeleg could not read \\\\sim-old.corp.example.net\\C$"
                + " (Access is denied); ").contains("auth: kerberos with delegate: true", "auth: credssp");
    }

    @Test
    void anNtlmHostIsToldToUseKerberosWithDelegationOrCredSsp() throws Exception {
        Host host = inventory().find("ex-ntlm").orElseThrow();
        Check domain = check.domain(host);

        assertThat(domain.status()).isEqualTo(Status.FAILED);
        assertThat(domain.detail()).isEqualTo("ex-ntlm could not bind to the domain (Access is denied.); the session"
                + " (auth: ntlm) has no credentials for the next hop: use auth: kerberos with delegate: true (the"
                + " host's computer account trusted for delegation) or auth: credssp; see docs/hosts-and-connectors.md");
        assertThat(windowsScripts).singleElement().asString().contains("[ADSI]'LDAP://RootDSE'", "defaultNamingContext");
    }

    @Test
    void aBasicHostIsNotSentToDelegationBecauseItsPasswordIsOnTheServer() throws Exception {
        Host host = inventory().find("ex-basic").orElseThrow();
        Check domain = check.domain(host);

        assertThat(domain.status()).isEqualTo(Status.FAILED);
        assertThat(domain.detail()).contains("with auth: basic the server holds the password and can make the"
                + " second hop itself, so this is not delegation").doesNotContain("credssp");
    }
}
