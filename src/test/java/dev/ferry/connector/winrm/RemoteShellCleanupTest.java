package dev.ferry.connector.winrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.connector.Auth;
import dev.ferry.connector.CommandResult;
import dev.ferry.connector.ConnectorException;
import dev.ferry.connector.Endpoint;
import dev.ferry.connector.Host;
import dev.ferry.connector.OutputListener;
import dev.ferry.connector.PowerShellScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What a WinRM step leaves on the host and shows in chat when the host answers with a fault: the shell is
 * deleted after every fault, timeout and failure unless the fault says the shell itself is gone; the message
 * is the fault's own text, trimmed; failed cleanup is logged below WARN. Against {@link FakeWinRmHost}, which
 * answers with faults in the shape Windows sends them.
 */
class RemoteShellCleanupTest {

    static final String PASSWORD = "Winter2024!pass";
    static final Duration STEP = Duration.ofSeconds(20);
    static final Pattern SHELL_ID = Pattern.compile("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");

    @TempDir
    static Path directory;
    static TestCertificate certificate;

    private final WinRmConnector connector = new WinRmConnector(
            new WinRmSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), 153600));
    private final Logger shellLog = (Logger) LoggerFactory.getLogger(RemoteShell.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level level;
    private FakeWinRmHost fake;
    private Host host;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificate = TestCertificate.create(directory);
    }

    @BeforeEach
    void start() throws Exception {
        level = shellLog.getLevel();
        shellLog.setLevel(Level.DEBUG);
        logged.start();
        shellLog.addAppender(logged);
        fake = FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.BASIC, PASSWORD);
        Endpoint.Tls tls = new Endpoint.Tls(null, certificate.trustStore(), dev.ferry.connector.CredentialReference
                .parse("env:P", Map.of("P", TestCertificate.PASSWORD)).orElseThrow(), false);
        host = WinRmConnectorTest.host("127.0.0.1", fake.port(), true, Auth.BASIC, tls, null, PASSWORD);
    }

    @AfterEach
    void stop() {
        shellLog.detachAppender(logged);
        shellLog.setLevel(level);
        fake.close();
    }

    private ConnectorException failure(String script, OutputListener output) {
        return catchThrowableOfType(ConnectorException.class,
                () -> connector.execute(host, PowerShellScript.of(script), STEP, output));
    }

    /** The actions after the last one named {@code action}, e.g. what Ferry sent after the Receive that faulted. */
    private List<String> afterLast(String action) {
        List<String> actions = fake.actions();
        int last = actions.lastIndexOf(action);
        assertThat(last).as("a %s in %s", action, actions).isNotNegative();
        return actions.subList(last + 1, actions.size());
    }

    private List<ILoggingEvent> warnings() {
        return logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    @Test
    void aCommandIdTheHostNoLongerKnowsStillDeletesTheLiveShell() {
        // The host forgets the command once it has written its first line; the next Receive gets Windows'
        // 2150858843 fault with the command-identifier message, though the shell is alive.
        ConnectorException e = failure("Write-Output 'begun'\nWait-Forever", (stream, line) -> fake.forgetCommands());

        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.RUN);
        assertThat(e.getMessage()).startsWith("winrm host ex-01 (127.0.0.1:" + fake.port() + ", https, basic as CORP\\svc-ferry): ")
                .contains("the host no longer knows the command while receiving output (w:InvalidSelectors (WS-Man code"
                        + " 2150858843): The Windows Remote Shell received a request to perform an operation on a command"
                        + " identifier that does not exist. Either the command has completed execution or the client"
                        + " specified an invalid command identifier.)", "check the host before you Retry")
                .doesNotContain("the shell is gone");
        // No Signal for a command the host does not know; the shell itself is deleted.
        assertThat(afterLast("Receive")).containsExactly("Delete");
        assertThat(fake.openShells()).isZero();
    }

    @Test
    void aShellTheHostNoLongerHasIsNotDeletedAndTheMessageIsWindowsOwnTextOnOneLine() {
        // The WinRM service restarts while the command runs: the next Receive gets the shell-not-found fault.
        ConnectorException e = failure("Write-Output 'begun'\nWait-Forever", (stream, line) -> fake.restartService());

        assertThat(e.getMessage()).contains("the shell is gone while receiving output (w:InvalidSelectors (WS-Man code"
                        + " 2150858843): The request for the Windows Remote Shell with ShellId ",
                " failed because the shell was not found on the server. Possible causes are: the specified ShellId is"
                        + " incorrect or the shell no longer exists on the server. Provide the correct ShellId or create"
                        + " a new shell and retry the operation.)",
                "the WinRM service restarted or the shell passed its idle timeout")
                .doesNotContain("\n", "  ", "<", "invalid selectors for the resource");
        assertThat(SHELL_ID.matcher(e.getMessage()).find()).isTrue();
        // Nothing is sent for a shell the host says does not exist.
        assertThat(afterLast("Receive")).isEmpty();
    }

    @Test
    void anotherFaultSignalsTheCommandDeletesTheShellAndShowsOnlyTheInnermostMessage() {
        fake.failNext("Receive", FakeWinRmHost.PROVIDER_FAULT);

        ConnectorException e = failure("Write-Output 'begun'\nWait-Forever", OutputListener.NONE);

        assertThat(e.getMessage()).isEqualTo("winrm host ex-01 (127.0.0.1:" + fake.port() + ", https, basic as"
                + " CORP\\svc-ferry): SOAP fault while receiving output: w:InternalError (WS-Man code 2150859010): The"
                + " WS-Management service cannot process the request. The WMI service reported that the WMI provider"
                + " could not perform the requested operation.");
        assertThat(afterLast("Receive")).containsExactly("Signal", "Delete");
        assertThat(fake.openShells()).isZero();
    }

    @Test
    void aFaultOnStartingTheCommandDeletesTheShell() {
        fake.failNext("Command", FakeWinRmHost.PLUGIN_FAULT);

        ConnectorException e = failure("Write-Output 'x'", OutputListener.NONE);

        assertThat(e.getMessage()).endsWith("SOAP fault while starting the command: w:InvalidParameter (WS-Man code 87):"
                + " The parameter is incorrect.");
        assertThat(afterLast("Command")).containsExactly("Delete");
        assertThat(fake.openShells()).isZero();
    }

    @Test
    void aLongFaultMessageIsCutWithAnEllipsis() {
        String sentence = "The plugin reported that the operation could not be completed on the remote computer. ";
        fake.failNext("Create", FakeWinRmHost.fault("{relatesTo}", "w:InternalError", 2150858817L, sentence.repeat(12)));

        ConnectorException e = failure("Write-Output 'x'", OutputListener.NONE);

        String shown = e.getMessage().substring(e.getMessage().indexOf("(WS-Man code 2150858817): ") + 26);
        assertThat(shown).startsWith(sentence.strip()).endsWith("…").hasSizeLessThanOrEqualTo(Wsman.Fault.TEXT_LIMIT);
    }

    @Test
    void aTimeoutDeletesTheShellEvenWhenSignalFailsAndTheFailureIsNoWarning() throws Exception {
        fake.failNext("Signal", FakeWinRmHost.PLUGIN_FAULT);

        CommandResult result = connector.execute(host, PowerShellScript.of("Write-Output 'started'\nWait-Forever"),
                Duration.ofMillis(2500), OutputListener.NONE);

        assertThat(result.timedOut()).isTrue();
        assertThat(fake.actions()).endsWith("Signal", "Delete");
        assertThat(fake.openShells()).isZero();
        assertThat(warnings()).isEmpty();
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).startsWith("winrm host ex-01 (127.0.0.1:" + fake.port())
                    .contains("could not be signalled to terminate", "The parameter is incorrect.")
                    .containsPattern("in shell " + SHELL_ID.pattern());
        });
    }

    @Test
    void aDeleteThatFailsNeitherHidesTheFaultNorWarns() {
        fake.failNext("Receive", FakeWinRmHost.PROVIDER_FAULT);
        fake.failNext("Delete", FakeWinRmHost.PLUGIN_FAULT);

        ConnectorException e = failure("Write-Output 'begun'\nWait-Forever", OutputListener.NONE);

        assertThat(e.getMessage()).contains("SOAP fault while receiving output: w:InternalError (WS-Man code 2150859010)")
                .doesNotContain("The parameter is incorrect");
        assertThat(fake.actions()).endsWith("Signal", "Delete");
        assertThat(warnings()).isEmpty();
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).startsWith("winrm host ex-01 (127.0.0.1:" + fake.port())
                    .containsPattern("shell " + SHELL_ID.pattern() + " could not be deleted")
                    .contains("w:InvalidParameter (WS-Man code 87): The parameter is incorrect.");
        });
    }

    @Test
    void anAccessDeniedFaultIsALoginFailureThatSaysWhatToGrant() {
        fake.failNext("Create", FakeWinRmHost.ACCESS_DENIED);

        ConnectorException e = failure("Write-Output 'x'", OutputListener.NONE);

        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.LOGIN);
        assertThat(e.getMessage()).contains("access is denied while creating a shell (w:AccessDenied (WS-Man code 5):"
                + " Access is denied.)", "accepted the login of CORP\\svc-ferry",
                "local Administrators or Remote Management Users group", "RootSDDL");
        assertThat(fake.actions()).containsExactly("Create");
    }

    @Test
    void http403IsALoginFailure() {
        fake.failNext("Create", 403, "");

        ConnectorException e = failure("Write-Output 'x'", OutputListener.NONE);

        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.LOGIN);
        assertThat(e.getMessage()).contains("access was refused (HTTP 403) to Create for user CORP\\svc-ferry",
                "Remote Management Users");
    }
}
