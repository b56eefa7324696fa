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
 * several), deleted at the end. Receive is repeated through w:TimedOut faults for as long as the step's
 * timeout allows, so a script that runs for hours keeps streaming; when the timeout passes, the command is
 * signalled to terminate.
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
        boolean done = false;
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
                    throw fault("receiving output", e.fault());
                }
                for (Element stream : Wsman.elements(received, Wsman.NS_SHELL, "Stream")) {
                    byte[] bytes = Base64.getDecoder().decode(stream.getTextContent().strip());
                    if ("stderr".equals(stream.getAttribute("Name"))) {
                        output.stderr(bytes, 0, bytes.length);
                    } else {
                        output.stdout(bytes, 0, bytes.length);
                    }
                }
                for (Element state : Wsman.elements(received, Wsman.NS_SHELL, "CommandState")) {
                    if (Wsman.STATE_DONE.equals(state.getAttribute("State"))) {
                        done = true;
                        String code = Wsman.text(received, Wsman.NS_SHELL, "ExitCode");
                        return new Outcome(code == null ? CommandResult.NO_EXIT_CODE : (int) Long.parseLong(code), false);
                    }
                }
            }
        } finally {
            if (!done && !gone) {
                terminate(commandId);
            }
        }
    }

    /** Asks the host to stop a command: on timeout, abort, or a lost connection. */
    private void terminate(String commandId) {
        boolean interrupted = Thread.interrupted();
        try {
            session.send(Wsman.ACTION_SIGNAL, shellId, List.of(), Wsman.signalBody(commandId), Duration.ofSeconds(10));
        } catch (Exception e) {
            log.warn("{}: the command could not be signalled to terminate: {}", session.describe(), e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Deletes the shell; a failure is logged, since the outcome of the script is known by then. */
    @Override
    public void close() {
        if (gone) {
            return;
        }
        gone = true;
        boolean interrupted = Thread.interrupted();
        try {
            session.send(Wsman.ACTION_DELETE, shellId, List.of(), "", Duration.ofSeconds(10));
        } catch (Exception e) {
            log.warn("{}: the shell {} could not be deleted: {}", session.describe(), shellId, e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ConnectorException fault(String during, Wsman.Fault fault) {
        if (fault.isShellNotFound()) {
            gone = true;
        }
        return fault(session, during, fault);
    }

    private static ConnectorException fault(WsmanSession session, String during, Wsman.Fault fault) {
        if (fault.isShellNotFound()) {
            return session.failure(Stage.RUN, "the shell is gone while " + during + " (" + fault.describe()
                    + "); the WinRM service restarted or the shell passed its idle timeout. The script may or may"
                    + " not have run: check the host before you Retry");
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
