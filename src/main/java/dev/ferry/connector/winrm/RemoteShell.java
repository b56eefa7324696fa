package dev.ferry.connector.winrm;

import dev.ferry.connector.CommandResult;
import dev.ferry.connector.ConnectorException;
import dev.ferry.connector.ConnectorException.Stage;
import dev.ferry.connector.Host;
import dev.ferry.connector.OutputCollector;
import dev.ferry.connector.OutputListener;
import dev.ferry.connector.PowerShellScript;
import dev.ferry.connector.RemotePowerShell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * One Windows Remote Shell on a host: created once, used for the commands of one step (a long script takes
 * several), deleted at the end whatever happened, unless the host said the shell no longer exists. Receive is
 * repeated through w:TimedOut faults for as long as the step's timeout allows, so a script that runs for
 * hours keeps streaming; when the timeout passes, the command is signalled to terminate.
 */
public final class RemoteShell implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RemoteShell.class);

    /** cmd.exe's longest command line. */
    static final int COMMAND_LINE_LIMIT = 8191;
    /** Base64 characters per chunk of a long script; leaves room for echo, the path and a long %TEMP%. */
    static final int CHUNK = 7000;
    static final String POWERSHELL = "powershell.exe";

    private static final List<String[]> SHELL_OPTIONS = List.of(
            new String[] {"WINRS_NOPROFILE", "TRUE"}, new String[] {"WINRS_CODEPAGE", "65001"});
    private static final List<String[]> COMMAND_OPTIONS = List.of(
            new String[] {"WINRS_CONSOLEMODE_STDIN", "TRUE"}, new String[] {"WINRS_SKIP_CMD_SHELL", "FALSE"});

    /** How long a Signal or Delete may take: cleanup, after the step's outcome is known. */
    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(10);

    private final Host host;
    private final WsmanSession session;
    private final WinRmSettings settings;
    private final String shellId;
    private boolean gone;

    private RemoteShell(Host host, WsmanSession session, WinRmSettings settings, String shellId) {
        this.host = host;
        this.session = session;
        this.settings = settings;
        this.shellId = shellId;
    }

    /** Logs in and creates a shell. */
    static RemoteShell open(Host host, String secret, WinRmSettings settings) throws InterruptedException {
        WsmanSession session = new WsmanSession(host, secret, settings);
        try {
            Document created = session.send(Wsman.ACTION_CREATE, null, SHELL_OPTIONS, Wsman.createShellBody(),
                    settings.operationTimeout());
            String id = Wsman.shellId(created);
            if (id == null) {
                throw session.failure(Stage.RUN, "the answer to Create has no ShellId");
            }
            return new RemoteShell(host, session, settings, id);
        } catch (WsmanFaultException e) {
            throw fault(session, "creating a shell", e.fault());
        }
    }

    /** HTTP requests sent so far, logins included. */
    public int roundTrips() {
        return session.roundTrips();
    }

    /**
     * Runs {@code script} (wrapped, see {@link RemotePowerShell}) and waits for it at most {@code timeout}.
     */
    public CommandResult run(PowerShellScript script, Duration timeout, OutputListener output)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String encoded = RemotePowerShell.encode(RemotePowerShell.wrap(host, script));
        List<String> lines = commandLines(encoded);
        OutputCollector quiet = new OutputCollector(OutputListener.NONE);
        for (String line : lines.subList(0, lines.size() - 1)) {
            Outcome written = command(line, null, deadline, quiet);
            if (written.timedOut()) {
                return CommandResult.timedOut("", "", since(start));
            }
            if (written.exitCode() != 0) {
                throw session.failure(Stage.RUN, "the script could not be written to a temporary file on the host"
                        + " (cmd exit code " + written.exitCode() + "): " + quiet.stderrText().strip());
            }
        }
        String main = lines.get(lines.size() - 1);
        OutputCollector collected = new OutputCollector(output);
        Outcome outcome = command(POWERSHELL, main.substring(POWERSHELL.length() + 1), deadline, collected);
        collected.finish();
        if (outcome.timedOut()) {
            return CommandResult.timedOut(collected.stdoutText(), collected.stderrText(), since(start));
        }
        return new CommandResult(outcome.exitCode(), collected.stdoutText(), collected.stderrText(), false,
                since(start));
    }

    /**
     * The command lines that run {@code encoded}: one, when it fits cmd.exe's 8191 characters; else echo
     * commands that write it to a temporary file in chunks, then a short script that reads, deletes and runs it.
     */
    static List<String> commandLines(String encoded) {
        String direct = RemotePowerShell.commandLine(POWERSHELL, encoded);
        if (direct.length() <= COMMAND_LINE_LIMIT) {
            return List.of(direct);
        }
        String name = "ferry-" + HexFormat.of().formatHex(randomBytes()) + ".b64";
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < encoded.length(); i += CHUNK) {
            // Base64 has no character cmd.exe treats specially; the space before >> keeps a final digit from
            // being read as a stream number (1>>, 2>>).
            lines.add("echo " + encoded.substring(i, Math.min(encoded.length(), i + CHUNK)) + " >> \"%TEMP%\\" + name + "\"");
        }
        String loader = "$ProgressPreference = 'SilentlyContinue'\n"
                + "$f = Join-Path $env:TEMP '" + name + "'\n"
                + "$b = ((Get-Content -LiteralPath $f) -join '') -replace '\\s', ''\n"
                + "Remove-Item -LiteralPath $f -Force\n"
                + "& ([ScriptBlock]::Create([Text.Encoding]::Unicode.GetString([Convert]::FromBase64String($b))))\n"
                + "exit $LASTEXITCODE\n";
        lines.add(RemotePowerShell.commandLine(POWERSHELL, RemotePowerShell.encode(loader)));
        return lines;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private record Outcome(int exitCode, boolean timedOut) {
    }

    private Outcome command(String command, String arguments, long deadline, OutputCollector output)
            throws InterruptedException {
        String commandId;
        try {
            Document started = session.send(Wsman.ACTION_COMMAND, shellId, COMMAND_OPTIONS,
                    Wsman.commandBody(command, arguments), settings.operationTimeout());
            commandId = Wsman.text(started, Wsman.NS_SHELL, "CommandId");
        } catch (WsmanFaultException e) {
            throw fault("starting the command", e.fault());
        }
        if (commandId == null) {
            throw session.failure(Stage.RUN, "the answer to Command has no CommandId");
        }
        // Whether the host may still be running the command, and so is to be told to stop it when Ferry
        // stops waiting for it (a timeout, an abort, a failure).
        boolean running = true;
        try {
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return new Outcome(CommandResult.NO_EXIT_CODE, true);
                }
                Duration wait = Duration.ofNanos(Math.min(settings.operationTimeout().toNanos(), remaining));
                Document received;
                try {
                    received = session.send(Wsman.ACTION_RECEIVE, shellId, List.of(), Wsman.receiveBody(commandId), wait);
                } catch (WsmanFaultException e) {
                    if (e.fault().isTimedOut()) {
                        continue; // nothing new yet: ask again
                    }
                    if (e.fault().isCommandNotFound()) {
                        running = false; // the host has no such command to stop
                    }
                    throw fault("receiving output", e.fault());
                }
                for (Element stream : Wsman.elements(received, Wsman.NS_SHELL, "Stream")) {
                    byte[] bytes = decode(stream.getTextContent());
                    if ("stderr".equals(stream.getAttribute("Name"))) {
                        output.stderr(bytes, 0, bytes.length);
                    } else {
                        output.stdout(bytes, 0, bytes.length);
                    }
                }
                for (Element state : Wsman.elements(received, Wsman.NS_SHELL, "CommandState")) {
                    if (Wsman.STATE_DONE.equals(state.getAttribute("State"))) {
                        running = false;
                        return new Outcome(exitCode(Wsman.text(received, Wsman.NS_SHELL, "ExitCode")), false);
                    }
                }
            }
        } finally {
            if (running && !gone) {
                terminate(commandId);
            }
        }
    }

    private byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw session.failure(Stage.RUN, "the answer to Receive has output that is not base64 ("
                    + Wsman.excerpt(e.getMessage(), 120) + ")");
        }
    }

    private int exitCode(String code) {
        try {
            return code == null ? CommandResult.NO_EXIT_CODE : (int) Long.parseLong(code);
        } catch (NumberFormatException e) {
            throw session.failure(Stage.RUN, "the answer to Receive has an exit code that is not a number: '"
                    + Wsman.excerpt(code, 40) + "'");
        }
    }

    /**
     * Asks the host to stop a command: on timeout, abort, a failure or a lost connection. A failure is logged
     * at INFO, not shown: what the step ended with is already known and is what the user needs to see.
     */
    private void terminate(String commandId) {
        boolean interrupted = Thread.interrupted();
        try {
            session.send(Wsman.ACTION_SIGNAL, shellId, List.of(), Wsman.signalBody(commandId), CLEANUP_TIMEOUT);
        } catch (WsmanFaultException e) {
            if (e.fault().isShellGone()) {
                gone = true;
                log.debug("{}: shell {} is gone; command {} needs no Signal: {}", session.describe(), shellId,
                        commandId, e.fault().describe());
            } else {
                log.info("{}: command {} in shell {} could not be signalled to terminate: {}", session.describe(),
                        commandId, shellId, e.fault().describe());
            }
        } catch (Exception e) {
            log.info("{}: command {} in shell {} could not be signalled to terminate: {}", session.describe(),
                    commandId, shellId, cleanupReason(e));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Deletes the shell, unless the host said it no longer exists: after success, failure, timeout or abort
     * alike, since a shell left behind holds one of the user's shells (MaxShellsPerUser) until its idle
     * timeout. A failure is logged at INFO and never replaces what the step ended with.
     */
    @Override
    public void close() {
        if (gone) {
            return;
        }
        gone = true;
        boolean interrupted = Thread.interrupted();
        try {
            session.send(Wsman.ACTION_DELETE, shellId, List.of(), "", CLEANUP_TIMEOUT);
        } catch (WsmanFaultException e) {
            if (e.fault().isShellGone()) {
                log.debug("{}: shell {} was already gone when deleted: {}", session.describe(), shellId,
                        e.fault().describe());
            } else {
                log.info("{}: shell {} could not be deleted, it stays until its idle timeout: {}", session.describe(),
                        shellId, e.fault().describe());
            }
        } catch (Exception e) {
            log.info("{}: shell {} could not be deleted, it stays until its idle timeout: {}", session.describe(),
                    shellId, cleanupReason(e));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Why a Signal or Delete failed, without the host's description a ConnectorException already starts with. */
    private String cleanupReason(Exception e) {
        String message = e.getMessage() == null ? "no reason given" : e.getMessage();
        String prefix = session.describe() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private ConnectorException fault(String during, Wsman.Fault fault) {
        if (fault.isShellGone()) {
            gone = true;
        }
        return fault(session, during, fault);
    }

    private static ConnectorException fault(WsmanSession session, String during, Wsman.Fault fault) {
        if (fault.isAccessDenied()) {
            return session.failure(Stage.LOGIN, "access is denied while " + during + " (" + fault.describe()
                    + "): the host accepted the login of " + session.user() + " but does not let it use WinRM."
                    + " Add the account to the host's local Administrators or Remote Management Users group,"
                    + " or grant it Execute in WinRM's RootSDDL (winrm configSDDL default)");
        }
        if (fault.isShellGone()) {
            return session.failure(Stage.RUN, "the shell is gone while " + during + " (" + fault.describe()
                    + "); the WinRM service restarted or the shell passed its idle timeout. The script may or may"
                    + " not have run: check the host before you Retry");
        }
        if (fault.isCommandNotFound()) {
            return session.failure(Stage.RUN, "the host no longer knows the command while " + during + " ("
                    + fault.describe() + "): it ended or was stopped on the host. The script may or may not have"
                    + " finished: check the host before you Retry");
        }
        if (fault.isQuota()) {
            return session.failure(Stage.RUN, "the listener's quota is exceeded while " + during + " ("
                    + fault.describe() + "); too many shells or operations for this user (MaxShellsPerUser,"
                    + " MaxConcurrentOperationsPerUser): wait for other work to finish or raise the quota");
        }
        return session.failure(Stage.RUN, "SOAP fault while " + during + ": " + fault.describe());
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
