package dev.ferry.connector.ssh;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH connector against {@link FakeSshHost}: MINA SSHD on both ends, on loopback. */
class SshConnectorTest {

    static final Duration STEP = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private final SshConnector connector = new SshConnector(new SshSettings(Duration.ofSeconds(5)));
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final OutputListener listener = (stream, line) -> lines.add(stream + " " + line);
    private FakeSshHost fake;
    private Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSshHost();
        knownHosts = fake.knownHosts(directory);
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        fake.close();
    }

    private Host host(int port, Auth auth, String credential, Map<String, String> env, Path known, String shell) {
        return new Host("spe-01", "127.0.0.1", Transport.SSH, "test", null, List.of(), new Endpoint(port, auth,
                FakeSshHost.USER, CredentialReference.parse(credential, env).orElseThrow(), false, null, known, shell));
    }

    private Host passwordHost(String password) {
        return host(fake.port(), Auth.PASSWORD, "env:SSH_PASSWORD", Map.of("SSH_PASSWORD", password), knownHosts,
                "powershell.exe");
    }

    private CommandResult run(Host host, String script, Duration timeout) throws InterruptedException {
        return connector.execute(host, PowerShellScript.of(script), timeout, listener);
    }

    @Test
    void runsAScriptWithAPasswordStreamingLineByLine() throws Exception {
        CommandResult result = run(passwordHost(FakeSshHost.PASSWORD),
                "Write-Output 'first'\nStart-Sleep -Milliseconds 300\nWrite-Output 'second'\nexit 4", STEP);

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stdout()).isEqualTo("first\nsecond\n");
        assertThat(lines).containsExactly("STDOUT first", "STDOUT second");
        assertThat(fake.commandLines()).singleElement().asString()
                .startsWith("powershell.exe -NoProfile -NonInteractive -EncodedCommand ");
        assertThat(fake.scripts().get(0)).startsWith("$ProgressPreference = 'SilentlyContinue'");
    }

    @Test
    void slowOutputReachesTheListenerAsItIsWritten() throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        connector.execute(passwordHost(FakeSshHost.PASSWORD), PowerShellScript.of(
                "Write-Output 'a'\nStart-Sleep -Milliseconds 800\nWrite-Output 'b'"), STEP,
                (stream, line) -> arrivals.add((System.nanoTime() - start) / 1_000_000));

        assertThat(arrivals).hasSize(2);
        assertThat(arrivals.get(1) - arrivals.get(0)).isGreaterThan(400);
    }

    @Test
    void logsInWithAPrivateKeyAndRunsPwshWhenAsked() throws Exception {
        Path key = fake.privateKey(directory);
        Host host = host(fake.port(), Auth.KEY, "file:" + key, Map.of(), knownHosts, "pwsh");

        CommandResult result = run(host, "Write-Output 'by key'", STEP);

        assertThat(result.stdout()).isEqualTo("by key\n");
        assertThat(fake.commandLines().get(0)).startsWith("pwsh -NoProfile -NonInteractive -EncodedCommand ");
    }

    @Test
    void clixmlOnStandardErrorIsDecoded() throws Exception {
        CommandResult result = run(passwordHost(FakeSshHost.PASSWORD), "Write-Error 'Service MailStoreSPE not found'", STEP);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("Service MailStoreSPE not found\n").doesNotContain("CLIXML");
    }

    @Test
    void aScriptLongerThanACommandLineGoesThroughStandardInput() throws Exception {
        Host host = passwordHost(FakeSshHost.PASSWORD);
        String script = "Write-Output 'long'\n# " + "y".repeat(20_000);

        assertThat(run(host, script, STEP).stdout()).isEqualTo("long\n");
        assertThat(fake.commandLines().get(0).length()).isLessThan(SshConnector.COMMAND_LINE_LIMIT);
        assertThat(fake.scripts()).containsExactly(RemotePowerShell.wrap(host, PowerShellScript.of(script)));
    }

    @Test
    void aWrongPasswordIsARefusedLogin() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> run(passwordHost("not-the-password"), "Write-Output 'x'", STEP));

        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.LOGIN);
        assertThat(e.getMessage()).contains("ssh host spe-01 (127.0.0.1:" + fake.port() + ", password as svc-ferry)",
                "the login was refused for user svc-ferry with auth password", "env:SSH_PASSWORD")
                .doesNotContain("not-the-password");
    }

    @Test
    void anUnknownHostKeyIsRefusedWithTheFingerprintAndTheLineToAdd() throws Exception {
        Path empty = Files.writeString(directory.resolve("empty_known_hosts"), "");
        Host host = host(fake.port(), Auth.PASSWORD, "env:P", Map.of("P", FakeSshHost.PASSWORD), empty, "powershell.exe");

        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> run(host, "Write-Output 'x'", STEP));

        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.CONNECT);
        assertThat(e.getMessage()).contains("the host key is not in " + empty.toAbsolutePath(),
                KeyUtils.getFingerPrint(fake.hostKey.getPublic()),
                "[127.0.0.1]:" + fake.port() + " ecdsa-sha2-nistp256 ");
        assertThat(fake.commandLines()).isEmpty();
    }

    @Test
    void aChangedHostKeyIsRefusedWithBothFingerprints() throws Exception {
        java.security.KeyPair other = KeyUtils.generateKeyPair(
                org.apache.sshd.common.keyprovider.KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Path changed = Files.writeString(directory.resolve("changed_known_hosts"), "[127.0.0.1]:" + fake.port() + " "
                + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(other.getPublic()) + "\n");
        Host host = host(fake.port(), Auth.PASSWORD, "env:P", Map.of("P", FakeSshHost.PASSWORD), changed, "powershell.exe");

        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> run(host, "Write-Output 'x'", STEP));

        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.CONNECT);
        assertThat(e.getMessage()).contains("the host key CHANGED", KeyUtils.getFingerPrint(other.getPublic()),
                KeyUtils.getFingerPrint(fake.hostKey.getPublic()));
        assertThat(fake.commandLines()).isEmpty();
    }

    @org.junit.jupiter.api.RepeatedTest(5)
    void anUnknownHostKeyIsAlwaysReportedAsSuchNotAsARefusedLogin() throws Exception {
        Path empty = Files.writeString(directory.resolve("none"), "");
        Host host = host(fake.port(), Auth.PASSWORD, "env:P", Map.of("P", FakeSshHost.PASSWORD), empty, "powershell.exe");

        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> run(host, "Write-Output 'x'", STEP));

        assertThat(e.getMessage()).contains("the host key is not in ");
    }

    @Test
    void aHangingCommandTimesOutAndIsKilledOnTheHost() throws Exception {
        CommandResult result = run(passwordHost(FakeSshHost.PASSWORD), "Write-Output 'waiting'\nWait-Forever",
                Duration.ofMillis(1500));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.stdout()).isEqualTo("waiting\n");
        assertThat(fake.destroyed.await(5, TimeUnit.SECONDS)).as("the remote command was stopped").isTrue();
    }

    @Test
    void aRefusedConnectionNamesAddressAndPort() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Host host = host(closed, Auth.PASSWORD, "env:P", Map.of("P", "x"), knownHosts, "powershell.exe");

        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> run(host, "Write-Output 'x'", STEP));

        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.CONNECT);
        assertThat(e.getMessage()).contains("the connection was refused", "127.0.0.1:" + closed);
    }

    @Test
    void aConnectionDroppedMidOutputIsAClearFailure() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> run(passwordHost(FakeSshHost.PASSWORD),
                "Write-Output 'half'\nStart-Sleep -Milliseconds 200\nDrop-Connection", STEP));

        assertThat(e.getMessage()).contains("ssh host spe-01", "the connection was lost");
        assertThat(lines).contains("STDOUT half");
    }
}
