package dev.ferry.connector.winrm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.connector.Auth;
import dev.ferry.connector.Connectors;
import dev.ferry.connector.CredentialReference;
import dev.ferry.connector.Endpoint;
import dev.ferry.connector.FakePowerShell.Exit;
import dev.ferry.connector.FakePowerShell.Out;
import dev.ferry.connector.HostInventory;
import dev.ferry.connector.HostPreflight;
import dev.ferry.connector.PreflightReport;
import dev.ferry.connector.PreflightReport.Check;
import dev.ferry.connector.PreflightReport.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /migrate check} on a WinRM host, through the real connector and {@link FakeWinRmHost}. */
class WinRmPreflightTest {

    static final String PASSWORD = "Winter2024!pass";

    @TempDir
    static Path directory;
    static TestCertificate certificate;

    private FakeWinRmHost fake;
    private HostPreflight preflight;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificate = TestCertificate.create(directory);
    }

    @BeforeEach
    void start() throws Exception {
        fake = FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.BASIC, PASSWORD);
        Endpoint.Tls tls = new Endpoint.Tls(null, certificate.trustStore(),
                CredentialReference.parse("env:P", Map.of("P", TestCertificate.PASSWORD)).orElseThrow(), false);
        WinRmConnector connector = new WinRmConnector(new WinRmSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), 153600));
        preflight = new HostPreflight(new HostInventory(List.of(WinRmConnectorTest.host("127.0.0.1", fake.port(), true,
                Auth.BASIC, tls, null, PASSWORD))), new Connectors(List.of(connector)), Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private PreflightReport check() throws InterruptedException {
        return preflight.check("ex-01").orElseThrow();
    }

    private static Check named(PreflightReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + report.checks()));
    }

    @Test
    void aHostThatPassesShowsEachCheck() throws Exception {
        PreflightReport report = check();

        assertThat(report.passed()).isTrue();
        assertThat(named(report, "login").status()).isEqualTo(Status.PASSED);
        assertThat(named(report, "PowerShell").detail()).isEqualTo("version 5.1.17763.6414");
    }

    @Test
    void anAccessDeniedFaultAfterTheLoginIsAFailedLoginThatSaysWhatToGrant() throws Exception {
        fake.failNext("Create", FakeWinRmHost.ACCESS_DENIED);

        PreflightReport report = check();

        assertThat(report.passed()).isFalse();
        assertThat(named(report, "reachable").status()).isEqualTo(Status.PASSED);
        Check login = named(report, "login");
        assertThat(login.status()).isEqualTo(Status.FAILED);
        assertThat(login.detail()).contains("Access is denied.", "Remote Management Users", "RootSDDL");
        assertThat(report.checks()).extracting(Check::name).doesNotContain("PowerShell");
    }

    @Test
    void http403IsAFailedLogin() throws Exception {
        fake.failNext("Create", 403, "");

        Check login = named(check(), "login");

        assertThat(login.status()).isEqualTo(Status.FAILED);
        assertThat(login.detail()).contains("HTTP 403", "CORP\\svc-ferry");
    }

    @Test
    void outputWithoutThePreflightLinesIsShownNotCalledNoOutput() throws Exception {
        // Something else than the script answered: powershell.exe printed its usage, as it does for arguments
        // it does not understand.
        fake.behaviour(script -> List.of(new Out(false, """
                Usage: powershell.exe [-PSConsoleFile <file> | -Version <version>]\r
                    [-NoLogo] [-NoExit] [-Sta] [-Mta] [-NoProfile] [-NonInteractive]\r
                \r
                    [-InputFormat {Text | XML}] [-OutputFormat {Text | XML}]\r
                    [-WindowStyle <style>] [-EncodedCommand <Base64EncodedCommand>]\r
                    [-ConfigurationName <string>]\r
                    [-File <filePath> <args>] [-ExecutionPolicy <ExecutionPolicy>]\r
                    [-Command { - | <script-block> [-args <arg-array>]\r
                """), new Exit(0)));

        PreflightReport report = check();

        Check powershell = named(report, "PowerShell");
        assertThat(powershell.status()).isEqualTo(Status.FAILED);
        assertThat(powershell.detail()).startsWith("exit code 0, but the output has none of the preflight's"
                + " FERRY-PREFLIGHT lines").doesNotContain("no output");
        assertThat(powershell.output()).containsExactly(
                "Usage: powershell.exe [-PSConsoleFile <file> | -Version <version>]",
                "[-NoLogo] [-NoExit] [-Sta] [-Mta] [-NoProfile] [-NonInteractive]",
                "[-InputFormat {Text | XML}] [-OutputFormat {Text | XML}]",
                "[-WindowStyle <style>] [-EncodedCommand <Base64EncodedCommand>]",
                "[-ConfigurationName <string>]",
                "… 2 more lines");
    }

    @Test
    void noOutputAtAllIsSaidSo() throws Exception {
        fake.behaviour(script -> List.of(new Exit(0)));

        Check powershell = named(check(), "PowerShell");

        assertThat(powershell.detail()).startsWith("exit code 0 and no output at all");
        assertThat(powershell.output()).isEmpty();
    }
}
