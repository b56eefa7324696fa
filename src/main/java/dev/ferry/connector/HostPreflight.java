package dev.ferry.connector;

import dev.ferry.connector.PreflightReport.Check;
import dev.ferry.connector.PreflightReport.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a host before a migration, through the same connector a step would use: can it be reached, does
 * the login work, which PowerShell answers, does the Exchange 2007 snap-in load (on hosts marked Exchange
 * 2007), and which MailStore SPE services are installed (services whose program lives under
 * "MailStore Infrastructure", as the guides' service steps find them). Reads only; changes nothing.
 */
public final class HostPreflight {

    /** Every answer line of the preflight script starts with this. */
    public static final String MARKER = "FERRY-PREFLIGHT";
    public static final String POWERSHELL = "powershell";
    public static final String SNAPIN = "exchange-snapin";
    public static final String SERVICE = "mailstore-service";
    public static final String SERVICES = "mailstore-services";

    /** How much of an unexpected answer a check shows: lines, and characters per line. */
    static final int EXCERPT_LINES = 5;
    static final int EXCERPT_WIDTH = 160;

    private final HostInventory inventory;
    private final Connectors connectors;
    private final Duration timeout;

    public HostPreflight(HostInventory inventory, Connectors connectors, Duration timeout) {
        this.inventory = inventory;
        this.connectors = connectors;
        this.timeout = timeout;
    }

    /** @return empty when the inventory has no such host */
    public Optional<PreflightReport> check(String hostName) throws InterruptedException {
        Optional<Host> host = inventory.find(hostName);
        return host.isEmpty() ? Optional.empty() : Optional.of(check(host.get()));
    }

    PreflightReport check(Host host) throws InterruptedException {
        List<Check> checks = new ArrayList<>();
        String where = host.address() + (host.endpoint() == null ? "" : ":" + host.endpoint().port());
        String login = host.endpoint() == null ? "simulated" : "as " + host.endpoint().user() + " with "
                + host.endpoint().auth().word() + (host.endpoint().delegate() ? ", delegating credentials" : "");
        // The snap-in is loaded by the script below, so that a failure to load it is reported as such and
        // the other checks still run: the host is passed on without its Exchange mark.
        Host plain = new Host(host.name(), host.address(), host.transport(), host.description(), null,
                host.simulate(), host.endpoint());
        CommandResult result;
        try {
            result = connectors.execute(plain, PowerShellScript.of(script(host)), timeout, OutputListener.NONE);
        } catch (ConnectorException e) {
            switch (e.stage()) {
                case CONNECT -> {
                    checks.add(new Check("reachable", Status.FAILED, e.getMessage()));
                    checks.add(new Check("login", Status.SKIPPED, "the host was not reached"));
                }
                case LOGIN -> {
                    checks.add(new Check("reachable", Status.PASSED, where));
                    checks.add(new Check("login", Status.FAILED, e.getMessage()));
                }
                default -> {
                    checks.add(new Check("reachable", Status.PASSED, where));
                    checks.add(new Check("login", Status.PASSED, login));
                    checks.add(new Check("PowerShell", Status.FAILED, e.getMessage()));
                }
            }
            return new PreflightReport(host.name(), host.address(), host.transport().word(), checks);
        }
        checks.add(new Check("reachable", Status.PASSED, where));
        checks.add(new Check("login", Status.PASSED, login));
        Optional<String> version = value(result, POWERSHELL).stream().findFirst();
        if (result.timedOut()) {
            checks.add(new Check("PowerShell", Status.FAILED, "no answer within " + timeout.toSeconds() + " s"));
        } else if (version.isEmpty()) {
            checks.add(unanswered(result));
        } else {
            checks.add(new Check("PowerShell", Status.PASSED, "version " + version.get()));
        }
        if (host.isExchange2007()) {
            Optional<String> snapin = value(result, SNAPIN).stream().findFirst();
            if (snapin.isEmpty()) {
                checks.add(new Check("Exchange 2007 snap-in", Status.FAILED, "no answer"));
            } else if (snapin.get().equals("loaded")) {
                checks.add(new Check("Exchange 2007 snap-in", Status.PASSED, RemotePowerShell.EXCHANGE_2007_SNAPIN + " loads"));
            } else {
                checks.add(new Check("Exchange 2007 snap-in", Status.FAILED, snapin.get()));
            }
        } else {
            checks.add(new Check("Exchange 2007 snap-in", Status.SKIPPED, "the host is not marked exchange: \"2007\""));
        }
        List<String> services = value(result, SERVICE);
        if (version.isEmpty()) {
            checks.add(new Check("MailStore SPE services", Status.SKIPPED, "PowerShell did not answer"));
        } else if (services.isEmpty()) {
            checks.add(new Check("MailStore SPE services", Status.PASSED, "none installed"));
        } else {
            List<String> named = services.stream().map(HostPreflight::service).toList();
            checks.add(new Check("MailStore SPE services", Status.PASSED, String.join("; ", named)));
        }
        return new PreflightReport(host.name(), host.address(), host.transport().word(), checks);
    }

    /**
     * PowerShell gave no version: its error, or else what the host wrote instead of the preflight's lines
     * (a few of them), or that it wrote nothing.
     */
    private static Check unanswered(CommandResult result) {
        String exit = "exit code " + result.exitCode();
        Optional<String> error = result.stderr().lines().filter(l -> !l.isBlank()).findFirst();
        if (error.isPresent()) {
            return new Check("PowerShell", Status.FAILED, exit + ": " + line(error.get()));
        }
        List<String> written = result.stdout().lines().filter(l -> !l.isBlank()).toList();
        if (written.isEmpty()) {
            return new Check("PowerShell", Status.FAILED, exit + " and no output at all; run powershell.exe on the"
                    + " host by hand to see whether it starts");
        }
        List<String> excerpt = new ArrayList<>(written.stream().limit(EXCERPT_LINES).map(HostPreflight::line).toList());
        if (written.size() > EXCERPT_LINES) {
            excerpt.add("… " + (written.size() - EXCERPT_LINES) + " more lines");
        }
        return new Check("PowerShell", Status.FAILED, exit + ", but the output has none of the preflight's "
                + MARKER + " lines: the script did not run as sent (is powershell.exe on the host Windows"
                + " PowerShell?). The host wrote:", excerpt);
    }

    /** One line of the host's output as shown: no control characters, at most {@link #EXCERPT_WIDTH} long. */
    private static String line(String text) {
        String plain = text.replaceAll("\\p{Cntrl}", " ").strip();
        return plain.length() <= EXCERPT_WIDTH ? plain : plain.substring(0, EXCERPT_WIDTH - 1).stripTrailing() + "…";
    }

    /** "Name|Display name|State" → "Name (Display name): State" */
    private static String service(String line) {
        String[] parts = line.split("\\|", 3);
        return parts.length < 3 ? line : parts[0] + " (" + parts[1] + "): " + parts[2];
    }

    private static List<String> value(CommandResult result, String key) {
        String prefix = MARKER + " " + key + " ";
        return result.stdout().lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
                .toList();
    }

    static String script(Host host) {
        StringBuilder out = new StringBuilder()
                .append("# Ferry host preflight: reads only, changes nothing.\n")
                .append("Write-Output ('" + MARKER + " " + POWERSHELL + " ' + $PSVersionTable.PSVersion.ToString())\n");
        if (host.isExchange2007()) {
            String snapin = RemotePowerShell.EXCHANGE_2007_SNAPIN;
            out.append("try {\n")
                    .append("  if (-not (Get-PSSnapin -Name ").append(snapin).append(" -ErrorAction SilentlyContinue)) {\n")
                    .append("    Add-PSSnapin ").append(snapin).append(" -ErrorAction Stop\n")
                    .append("  }\n")
                    .append("  Write-Output '" + MARKER + " " + SNAPIN + " loaded'\n")
                    .append("} catch {\n")
                    .append("  Write-Output ('" + MARKER + " " + SNAPIN + " failed: ' + $_.Exception.Message)\n")
                    .append("}\n");
        }
        return out.append("if (Get-Command Get-CimInstance -ErrorAction SilentlyContinue) {\n")
                .append("  $all = Get-CimInstance Win32_Service\n")
                .append("} else {\n")
                .append("  $all = Get-WmiObject Win32_Service\n")
                .append("}\n")
                .append("$spe = @($all | Where-Object { $_.PathName -like '*MailStore Infrastructure*' })\n")
                .append("foreach ($s in $spe) {\n")
                .append("  Write-Output ('" + MARKER + " " + SERVICE + " ' + $s.Name + '|' + $s.DisplayName + '|' + $s.State)\n")
                .append("}\n")
                .append("Write-Output ('" + MARKER + " " + SERVICES + " ' + $spe.Count)\n")
                .toString();
    }
}
