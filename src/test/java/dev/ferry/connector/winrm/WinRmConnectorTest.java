package dev.ferry.connector.winrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.connector.Auth;
import dev.ferry.connector.CommandResult;
import dev.ferry.connector.ConnectorException;
import dev.ferry.connector.CredentialReference;
import dev.ferry.connector.Endpoint;
import dev.ferry.connector.Host;
import dev.ferry.connector.OutputListener;
import dev.ferry.connector.PowerShellScript;
import dev.ferry.connector.RemotePowerShell;
import dev.ferry.connector.Transport;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WinRM connector against {@link FakeWinRmHost}: the real client code, HTTP(S) on loopback, the SOAP
 * dialogue of a Windows listener.
 */
class WinRmConnectorTest {

    static final String PASSWORD = "Winter2024!pass";
    static final Duration STEP = Duration.ofSeconds(20);

    @TempDir
    static Path directory;
    static TestCertificate certificate;

    private final WinRmConnector connector = new WinRmConnector(
            new WinRmSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), 153600));
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final OutputListener listener = (stream, line) -> lines.add(stream + " " + line);
    private FakeWinRmHost fake;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificate = TestCertificate.create(directory);
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    static CredentialReference password(String value) {
        return CredentialReference.parse("env:WINRM_PASSWORD", Map.of("WINRM_PASSWORD", value)).orElseThrow();
    }

    static Host host(String address, int port, boolean https, Auth auth, Endpoint.Tls tls, String exchange, String secret) {
        return new Host("ex-01", address, Transport.WINRM, "test", exchange, List.of(),
                new Endpoint(port, auth, FakeWinRmHost.USER, password(secret), https, tls, null, null));
    }

    private Endpoint.Tls trustStore() {
        return new Endpoint.Tls(null, certificate.trustStore(), CredentialReference.parse("env:P",
                Map.of("P", TestCertificate.PASSWORD)).orElseThrow(), false);
    }

    private Host basicHost() throws Exception {
        fake = FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.BASIC, PASSWORD);
        return host("127.0.0.1", fake.port(), true, Auth.BASIC, trustStore(), null, PASSWORD);
    }

    private CommandResult run(Host host, String script) throws InterruptedException {
        return connector.execute(host, PowerShellScript.of(script), STEP, listener);
    }

    private ConnectorException failure(Host host, String script) {
        return catchThrowableOfType(ConnectorException.class, () -> run(host, script));
    }

    @Test
    void runsAScriptOverHttpsWithBasicStreamingItsOutputAndExitCode() throws Exception {
        Host host = basicHost();

        CommandResult result = run(host, "Write-Output 'one'\nStart-Sleep -Milliseconds 1500\nWrite-Output 'two'\nexit 3");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.stdout()).isEqualTo("one\ntwo\n");
        assertThat(lines).containsExactly("STDOUT one", "STDOUT two");
        // One shell for the step: Create, Command, Receive until Done, Delete.
        List<String> actions = fake.actions();
        assertThat(actions.get(0)).isEqualTo("Create");
        assertThat(actions.get(1)).isEqualTo("Command");
        assertThat(actions.subList(2, actions.size() - 1)).containsOnly("Receive").hasSizeGreaterThanOrEqualTo(2);
        assertThat(actions.get(actions.size() - 1)).isEqualTo("Delete");
        assertThat(fake.openShells()).isZero();
        assertThat(fake.commandLines()).singleElement().asString()
                .startsWith("powershell.exe -NoProfile -NonInteractive -EncodedCommand ");
        String wrapper = fake.scripts().get(0);
        assertThat(wrapper).startsWith("$ProgressPreference = 'SilentlyContinue'\n")
                .contains("Write-Output 'one'").doesNotContain("Add-PSSnapin");
        assertThat(fake.wire().get(0)).contains("<w:Option Name=\"WINRS_CODEPAGE\">65001</w:Option>",
                "<rsp:OutputStreams>stdout stderr</rsp:OutputStreams>");
    }

    @Test
    void slowOutputReachesTheListenerAsItIsWrittenNotAtTheEnd() throws Exception {
        Host host = basicHost();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        connector.execute(host, PowerShellScript.of("Write-Output 'a'\nStart-Sleep -Milliseconds 1200\nWrite-Output 'b'"
                + "\nStart-Sleep -Milliseconds 1200\nWrite-Output 'c'"), STEP,
                (stream, line) -> arrivals.add((System.nanoTime() - start) / 1_000_000));

        assertThat(arrivals).hasSize(3);
        // Output that came only at the end would arrive all at once.
        assertThat(arrivals.get(1) - arrivals.get(0)).isGreaterThan(600);
        assertThat(arrivals.get(2) - arrivals.get(1)).isGreaterThan(600);
    }

    @Test
    void anInterruptedStepTerminatesTheCommandAndDeletesTheShell() throws Exception {
        Host host = basicHost();
        java.util.concurrent.atomic.AtomicReference<Throwable> ended = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                connector.execute(host, PowerShellScript.of("Write-Output 'begun'\nWait-Forever"), STEP,
                        (stream, line) -> started.countDown());
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        worker.start();
        assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        worker.interrupt();
        worker.join(10_000);

        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
        assertThat(fake.actions()).endsWith("Signal", "Delete");
        assertThat(fake.openShells()).isZero();
    }

    @Test
    void aScriptThatRunsLongerThanTheOperationTimeoutKeepsReceivingThroughTimedOutFaults() throws Exception {
        Host host = basicHost();

        CommandResult result = run(host, "Start-Sleep -Milliseconds 3500\nWrite-Output 'address lists updated'");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout()).isEqualTo("address lists updated\n");
        // Receive waits 1 s (the operation timeout here), then the host answers w:TimedOut and Ferry asks again.
        assertThat(fake.actions().stream().filter("Receive"::equals).count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void decodesClixmlOnStandardErrorIntoReadableText() throws Exception {
        Host host = basicHost();

        CommandResult result = run(host, "Write-Error 'The mailbox database DB01 is offline.'");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("The mailbox database DB01 is offline.\n")
                .contains("+ CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException")
                .doesNotContain("CLIXML", "_x000D_", "<Objs", "Preparing modules");
        assertThat(lines).contains("STDERR The mailbox database DB01 is offline.");
    }

    @Test
    void exchange2007HostsLoadTheSnapInBeforeTheScript() throws Exception {
        fake = FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.BASIC, PASSWORD);
        Host host = host("127.0.0.1", fake.port(), true, Auth.BASIC, trustStore(), "2007", PASSWORD);

        assertThat(run(host, "Write-Output 'ok'").succeeded()).isTrue();

        String wrapper = fake.scripts().get(0);
        assertThat(wrapper).contains("Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin -ErrorAction Stop");
        assertThat(wrapper.indexOf("Add-PSSnapin")).isLessThan(wrapper.indexOf("Write-Output 'ok'"));
    }

    /** The longest script whose command line fits 8191 characters, and one a character longer. */
    @Test
    void scriptsUpToTheCommandLineLimitGoDirectlyAndLongerOnesThroughATemporaryFile() throws Exception {
        Host host = basicHost();
        int fits = 0;
        for (int n = 7000; n > 0; n--) {
            if (lineLength(host, pad(n)) <= RemoteShell.COMMAND_LINE_LIMIT) {
                fits = n;
                break;
            }
        }
        int longer = fits + 1;
        while (lineLength(host, pad(longer)) <= RemoteShell.COMMAND_LINE_LIMIT) {
            longer++;
        }
        assertThat(lineLength(host, pad(fits))).isLessThanOrEqualTo(8191).isGreaterThan(8180);
        assertThat(lineLength(host, pad(longer))).isGreaterThan(8191);

        assertThat(run(host, pad(fits)).stdout()).isEqualTo("start\n");
        assertThat(fake.commandLines()).hasSize(1);
        assertThat(fake.scripts()).containsExactly(RemotePowerShell.wrap(host, PowerShellScript.of(pad(fits))));

        CommandResult chunked = run(host, pad(longer));
        assertThat(chunked.stdout()).isEqualTo("start\n");
        List<String> second = fake.commandLines().subList(1, fake.commandLines().size());
        assertThat(second).hasSizeGreaterThanOrEqualTo(3);
        assertThat(second.subList(0, second.size() - 1)).allMatch(l -> l.startsWith("echo "));
        assertThat(fake.commandLines()).allMatch(l -> l.length() <= RemoteShell.COMMAND_LINE_LIMIT);
        assertThat(fake.scripts().get(1)).isEqualTo(RemotePowerShell.wrap(host, PowerShellScript.of(pad(longer))));
    }

    @Test
    void aHundredKilobyteScriptRunsThroughChunks() throws Exception {
        Host host = basicHost();
        String script = "Write-Output 'big'\n" + "# " + "x".repeat(100_000) + "\nWrite-Output 'end'";

        CommandResult result = run(host, script);

        assertThat(result.stdout()).isEqualTo("big\nend\n");
        assertThat(fake.scripts()).containsExactly(RemotePowerShell.wrap(host, PowerShellScript.of(script)));
        assertThat(fake.commandLines()).allMatch(l -> l.length() <= RemoteShell.COMMAND_LINE_LIMIT);
    }

    private static String pad(int n) {
        return "Write-Output 'start'\n# " + "p".repeat(n);
    }

    private static int lineLength(Host host, String script) {
        List<String> lines = RemoteShell.commandLines(RemotePowerShell.encode(RemotePowerShell.wrap(host,
                PowerShellScript.of(script))));
        return lines.size() == 1 ? lines.get(0).length() : Integer.MAX_VALUE;
    }

    @Test
    void aSoapFaultNamesItsWsManCodeAndTextAndTheHost() throws Exception {
        Host host = basicHost();
        fake.failNext("Create", FakeWinRmHost.SCHEMA_VALIDATION_ERROR);

        ConnectorException e = failure(host, "Write-Output 'x'");

        assertThat(e.getMessage()).contains("winrm host ex-01 (127.0.0.1:" + fake.port() + ", https, basic as CORP\\svc-ferry)",
                "w:SchemaValidationError (WS-Man code 2150858817): Detail message.");
        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.RUN);
    }

    @Test
    void aQuotaFaultSaysSoAndTheShellIsStillDeleted() throws Exception {
        Host host = basicHost();
        fake.failNext("Command", FakeWinRmHost.QUOTA);

        ConnectorException e = failure(host, "Write-Output 'x'");

        assertThat(e.getMessage()).contains("quota is exceeded", "2150859174", "Windows Error message.",
                "MaxShellsPerUser");
        assertThat(fake.actions()).endsWith("Delete");
        assertThat(fake.openShells()).isZero();
    }

    @Test
    void aShellThatIsGoneIsReportedAsSuch() throws Exception {
        Host host = basicHost();
        fake.failNext("Receive", FakeWinRmHost.fault("uuid:1", "w:InvalidSelectors", 2150858843L,
                "The request for the Windows Remote Shell with ShellId X failed because the shell was not found on the server."));

        ConnectorException e = failure(host, "Write-Output 'x'");

        assertThat(e.getMessage()).contains("the shell is gone while receiving output", "2150858843",
                "check the host before you Retry");
    }

    @Test
    void aWrongPasswordIsA401NamingTheUserAndTheScheme() throws Exception {
        fake = FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.BASIC, PASSWORD);
        Host host = host("127.0.0.1", fake.port(), true, Auth.BASIC, trustStore(), null, "wrong");

        ConnectorException e = failure(host, "Write-Output 'x'");

        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.LOGIN);
        assertThat(e.getMessage()).contains("the login was refused (HTTP 401) for user CORP\\svc-ferry with auth basic",
                "env:WINRM_PASSWORD").doesNotContain("wrong");
    }

    @Test
    void aRefusedConnectionNamesAddressAndPort() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Host host = host("127.0.0.1", closed, true, Auth.BASIC, trustStore(), null, PASSWORD);

        ConnectorException e = failure(host, "Write-Output 'x'");

        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.CONNECT);
        assertThat(e.getMessage()).contains("winrm host ex-01 (127.0.0.1:" + closed, "the connection was refused",
                "nothing listens on 127.0.0.1:" + closed);
    }

    @Test
    void anAddressThatDoesNotResolveIsADnsFailure() {
        Host host = host("winhost.invalid", 5986, true, Auth.BASIC, Endpoint.Tls.VERIFY, null, PASSWORD);

        ConnectorException e = failure(host, "Write-Output 'x'");

        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.CONNECT);
        assertThat(e.getMessage()).contains("the address winhost.invalid does not resolve (DNS)");
    }

    @Test
    void certificatesAreCheckedByDefaultAndAFailureNamesSubjectAndThumbprint() throws Exception {
        fake = FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.BASIC, PASSWORD);
        Host host = host("127.0.0.1", fake.port(), true, Auth.BASIC, Endpoint.Tls.VERIFY, null, PASSWORD);

        ConnectorException e = failure(host, "Write-Output 'x'");

        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.CONNECT);
        assertThat(e.getMessage()).contains("TLS failed", "CN=winhost.ferrytest.example",
                CertificateTrust.sha1(certificate.certificate()), "tls.thumbprint");
        assertThat(fake.requests()).isZero();
    }

    @Test
    void aPinnedThumbprintIsTrustedAndAnotherIsNot() throws Exception {
        fake = FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.BASIC, PASSWORD);
        String thumbprint = CertificateTrust.sha1(certificate.certificate());
        Host pinned = host("127.0.0.1", fake.port(), true, Auth.BASIC,
                new Endpoint.Tls(thumbprint, null, null, false), null, PASSWORD);
        Host other = host("127.0.0.1", fake.port(), true, Auth.BASIC,
                new Endpoint.Tls("0".repeat(40), null, null, false), null, PASSWORD);

        assertThat(run(pinned, "Write-Output 'pinned'").stdout()).isEqualTo("pinned\n");
        ConnectorException e = failure(other, "Write-Output 'x'");
        assertThat(e.getMessage()).contains("not the pinned " + "0".repeat(40), thumbprint);
    }

    @Test
    void trustAllConnectsToAnyCertificate() throws Exception {
        fake = FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.BASIC, PASSWORD);
        Host host = host("127.0.0.1", fake.port(), true, Auth.BASIC, new Endpoint.Tls(null, null, null, true), null,
                PASSWORD);

        assertThat(run(host, "Write-Output 'anyway'").stdout()).isEqualTo("anyway\n");
    }

    @Test
    void aStepTimeoutSignalsTerminateAndDeletesTheShell() throws Exception {
        Host host = basicHost();

        CommandResult result = connector.execute(host, PowerShellScript.of("Write-Output 'started'\nWait-Forever"),
                Duration.ofMillis(2500), listener);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.stdout()).isEqualTo("started\n");
        assertThat(fake.actions()).endsWith("Signal", "Delete");
        assertThat(fake.openShells()).isZero();
    }

    @Test
    void aConnectionDroppedDuringReceiveIsAClearFailureAndTheCommandIsSignalled() throws Exception {
        Host host = basicHost();

        ConnectorException e = failure(host, "Write-Output 'half'\nStart-Sleep -Milliseconds 200\nDrop-Connection");

        assertThat(e.getMessage()).contains("winrm host ex-01", "the connection was lost during Receive");
        assertThat(lines).contains("STDOUT half");
        assertThat(fake.actions()).endsWith("Signal", "Delete");
    }

    @Test
    void ntlmOverHttpEncryptsEveryMessageBothWays() throws Exception {
        fake = FakeWinRmHost.http(FakeWinRmHost.Login.NTLM, PASSWORD);
        Host host = host("127.0.0.1", fake.port(), false, Auth.NTLM, null, null, PASSWORD);

        CommandResult result = run(host, "Write-Output 'sealed'\nStart-Sleep -Milliseconds 1200\nWrite-Error 'and signed'");

        assertThat(result.stdout()).isEqualTo("sealed\n");
        assertThat(result.stderr()).startsWith("and signed\n");
        // NEGOTIATE → CHALLENGE, AUTHENTICATE on one connection; then only sealed messages.
        assertThat(fake.actions()).startsWith("login", "login", "Create");
        assertThat(fake.wire()).isNotEmpty().allSatisfy(body -> assertThat(body)
                .startsWith("--Encrypted Boundary\r\n\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n")
                .doesNotContain("Envelope", "Write-Output", "powershell.exe"));
        assertThat(fake.openShells()).isZero();
    }

    @Test
    void ntlmOverHttpsAuthenticatesWithoutMessageEncryption() throws Exception {
        fake = FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.NTLM, PASSWORD);
        Host host = host("127.0.0.1", fake.port(), true, Auth.NTLM, trustStore(), null, PASSWORD);

        assertThat(run(host, "Write-Output 'over tls'").stdout()).isEqualTo("over tls\n");
        assertThat(fake.wire()).allSatisfy(body -> assertThat(body).contains("<s:Envelope"));
    }

    @Test
    void aWrongNtlmPasswordIsRefusedAsALogin() throws Exception {
        fake = FakeWinRmHost.http(FakeWinRmHost.Login.NTLM, PASSWORD);
        Host host = host("127.0.0.1", fake.port(), false, Auth.NTLM, null, null, "not-it");

        ConnectorException e = failure(host, "Write-Output 'x'");

        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.LOGIN);
        assertThat(e.getMessage()).contains("http with message encryption, ntlm as CORP\\svc-ferry",
                "refused (HTTP 401) for user CORP\\svc-ferry with auth ntlm");
    }

    @Test
    void oneShellServesSeveralCommandsAndCountsItsRoundTrips() throws Exception {
        Host host = basicHost();
        try (RemoteShell shell = connector.open(host)) {
            for (int i = 0; i < 3; i++) {
                assertThat(shell.run(PowerShellScript.of("Write-Output 'n" + i + "'"), STEP, OutputListener.NONE)
                        .stdout()).isEqualTo("n" + i + "\n");
            }
            // Create, then Command + Receive per command.
            assertThat(shell.roundTrips()).isEqualTo(1 + 3 * 2);
        }
        assertThat(fake.actions().stream().filter("Create"::equals).count()).isEqualTo(1);
        assertThat(fake.openShells()).isZero();
    }
}
