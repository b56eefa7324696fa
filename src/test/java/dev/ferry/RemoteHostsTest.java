package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.console.ConsoleChat;
import dev.ferry.connector.ssh.FakeSshHost;
import dev.ferry.connector.winrm.FakeWinRmHost;
import dev.ferry.connector.winrm.TestCertificate;
import dev.ferry.run.RunEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole of Ferry against real protocol peers on loopback: a WinRM listener over HTTPS with Basic, one over
 * HTTP with NTLM and message encryption, and an SSH server, plus hosts that fail in each way a real one can.
 * A scripted console session runs steps through the engine on each; every failure ends as a failed step that
 * says why, Ferry keeps answering, and the credential a careless script prints reaches neither chat nor log.
 */
@SpringBootTest(properties = {
        "ferry.console.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:ferry-remote;DB_CLOSE_DELAY=-1",
        "ferry.procedures.directory=src/test/resources/procedures-remote",
        "ferry.winrm.operation-timeout=1s",
        "ferry.preflight.timeout=10s",
        "logging.file.name=",
        "logging.threshold.console=trace",
        "logging.level.dev.ferry=debug"})
@ExtendWith(OutputCaptureExtension.class)
class RemoteHostsTest {

    static final String WINRM_PASSWORD = "Winrm-Pa55w0rd-42";

    static Path directory;
    static FakeWinRmHost basic;
    static FakeWinRmHost ntlm;
    static FakeSshHost ssh;

    @Autowired
    CommandDispatcher dispatcher;
    @Autowired
    RunEngine engine;

    @DynamicPropertySource
    static void hosts(DynamicPropertyRegistry registry) throws Exception {
        directory = Files.createTempDirectory("ferry-remote");
        TestCertificate certificate = TestCertificate.create(directory);
        basic = FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.BASIC, WINRM_PASSWORD);
        ntlm = FakeWinRmHost.http(FakeWinRmHost.Login.NTLM, WINRM_PASSWORD);
        ssh = new FakeSshHost();
        Path knownHosts = ssh.knownHosts(directory);
        Path noKnownHosts = Files.writeString(directory.resolve("empty_known_hosts"), "");
        Path winPassword = Files.writeString(directory.resolve("win-password"), WINRM_PASSWORD + "\n");
        Path wrongPassword = Files.writeString(directory.resolve("wrong-password"), "not-the-password");
        Path sshPassword = Files.writeString(directory.resolve("ssh-password"), FakeSshHost.PASSWORD);
        Path trustPassword = Files.writeString(directory.resolve("trust-password"), TestCertificate.PASSWORD);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String tls = "    tls: { trustStore: " + certificate.trustStore() + ", trustStorePassword: file:" + trustPassword + " }\n";
        String winrm = "    address: 127.0.0.1\n    transport: winrm\n    user: CORP\\svc-ferry\n";
        String sshHost = "    address: 127.0.0.1\n    transport: ssh\n    port: " + ssh.port() + "\n    auth: password\n"
                + "    user: " + FakeSshHost.USER + "\n    credential: file:" + sshPassword + "\n";
        Path hosts = Files.writeString(directory.resolve("hosts.yml"), "hosts:\n"
                + "  win-01:\n" + winrm + "    port: " + basic.port() + "\n    auth: basic\n    credential: file:" + winPassword + "\n" + tls
                + "  win-ntlm:\n" + winrm + "    https: false\n    port: " + ntlm.port() + "\n    auth: ntlm\n    credential: file:" + winPassword + "\n"
                + "  win-refused:\n" + winrm + "    port: " + closed + "\n    auth: basic\n    credential: file:" + winPassword + "\n" + tls
                + "  win-badpw:\n" + winrm + "    port: " + basic.port() + "\n    auth: basic\n    credential: file:" + wrongPassword + "\n" + tls
                + "  ssh-01:\n" + sshHost + "    knownHosts: " + knownHosts + "\n"
                + "  ssh-unknown:\n" + sshHost + "    knownHosts: " + noKnownHosts + "\n");
        registry.add("ferry.hosts.file", hosts::toString);
    }

    @AfterAll
    static void stop() throws Exception {
        basic.close();
        ntlm.close();
        ssh.close();
    }

    private String session(String lines) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ConsoleChat console = new ConsoleChat(dispatcher, "carol", new PrintStream(screen, true, StandardCharsets.UTF_8),
                java.nio.file.Files.createTempDirectory("ferry-files"), engine::awaitIdle, true);
        engine.subscribe(console);
        try {
            console.serve(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
        } finally {
            engine.unsubscribe(console);
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void stepsRunOnRealProtocolPeersAndEveryFailureIsAClearFailedStep(CapturedOutput log) throws Exception {
        String out = session("""
                /migrate start test-remote server=win-01
                run
                /migrate start test-remote server=win-ntlm
                run
                /migrate start test-remote server=ssh-01
                run
                /migrate start test-remote server=win-refused
                run
                /migrate start test-remote server=win-badpw
                run
                /migrate start test-remote server=ssh-unknown
                run
                /migrate start test-hang server=win-01
                run
                /migrate start test-hang server=ssh-01
                run
                /migrate start test-drop server=win-01
                run
                /migrate start test-drop server=ssh-01
                run
                /migrate check win-01
                /migrate check ssh-01
                /migrate check win-refused
                /migrate check win-badpw
                /migrate start test-remote server=win-01
                run
                /migrate status
                """);

        // WinRM over HTTPS with Basic, WinRM over HTTP with NTLM and encryption, SSH: each ran the step.
        for (String run : new String[] {"R1", "R2", "R3"}) {
            assertThat(out).contains("   R" + run.substring(1) + " · step 1/1 · echo: succeeded · exit code 0");
        }
        assertThat(out).contains("   │ hello from the host\n   │ logged on with password ********\n   │ done");
        assertThat(basic.scripts()).isNotEmpty();
        assertThat(ntlm.actions()).contains("login", "Create", "Command", "Receive", "Delete");
        // Each fault: a failed step whose note says what and where, with retry offered.
        assertThat(out).contains("failed · winrm host win-refused (127.0.0.1:", "https, basic as CORP\\svc-ferry): the"
                + " connection was refused: nothing listens on 127.0.0.1:");
        assertThat(out).contains("failed · winrm host win-badpw (127.0.0.1:" + basic.port() + ", https, basic as"
                + " CORP\\svc-ferry): the login was refused (HTTP 401) for user CORP\\svc-ferry with auth basic");
        assertThat(out).contains("failed · ssh host ssh-unknown (127.0.0.1:" + ssh.port() + ", password as svc-ferry):"
                + " the host key is not in ", "add this line to ", "[127.0.0.1]:" + ssh.port() + " ecdsa-sha2-nistp256 ");
        assertThat(out.split("timed out · no result within the step's timeout of 3 s; the script was stopped")).hasSize(3);
        assertThat(ssh.destroyed.getCount()).as("the SSH command was killed").isZero();
        assertThat(basic.openShells()).as("the timed-out shell was deleted").isZero();
        // The preflight, through the same connectors.
        assertThat(out).contains("Check of win-01 (127.0.0.1 via winrm):\n✓ reachable: 127.0.0.1:" + basic.port()
                + "\n✓ login: as CORP\\svc-ferry with basic\n✓ PowerShell: version 5.1.17763.6414");
        assertThat(out).contains("Check of ssh-01 (127.0.0.1 via ssh):", "✓ login: as svc-ferry with password",
                "✓ MailStore SPE services: MailStoreSPEInstanceHost (MailStore SPE Instance Host): Running");
        assertThat(out).contains("✗ reachable: winrm host win-refused", "– login: the host was not reached");
        assertThat(out).contains("✓ reachable: 127.0.0.1:" + basic.port() + "\n✗ login: winrm host win-badpw");
        assertThat(out).contains("failed · winrm host win-01 (127.0.0.1:" + basic.port() + ", https, basic as"
                + " CORP\\svc-ferry): the connection was lost during Receive");
        assertThat(out).contains("failed · ssh host ssh-01 (127.0.0.1:" + ssh.port() + ", password as svc-ferry): the"
                + " connection was lost");
        // Ferry kept serving: the last run, after all of that, succeeded.
        assertThat(out).contains("R11 · step 1/1 · echo: succeeded", "Active runs (7):");
        // The credential the script printed reached neither chat, nor the log, nor the database.
        assertThat(out).doesNotContain(WINRM_PASSWORD, FakeSshHost.PASSWORD);
        assertThat(log.getAll()).contains("dev.ferry").doesNotContain(WINRM_PASSWORD, FakeSshHost.PASSWORD);
        for (String run : new String[] {"R1", "R2", "R3", "R11"}) {
            assertThat(engine.snapshot(run).orElseThrow().steps().get(0).output())
                    .contains("logged on with password ********").doesNotContain(WINRM_PASSWORD, FakeSshHost.PASSWORD);
        }
    }
}
