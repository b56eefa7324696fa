package dev.ferry.connector;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What every remote transport runs: the step's script inside a small wrapper, passed to PowerShell as
 * {@code -EncodedCommand} (base64 of UTF-16LE, so no quoting of the script by any shell on the way).
 * The wrapper silences progress records, loads the Exchange 2007 snap-in on Exchange 2007 hosts (that
 * version has no remote PowerShell endpoint of its own), and makes the exit code explicit: the script's
 * own {@code exit n}, a native program's non-zero {@code $LASTEXITCODE}, 1 for a terminating error, else 0.
 */
public final class RemotePowerShell {

    /** The snap-in that the Exchange Management Shell (exshell.psc1) loads. */
    public static final String EXCHANGE_2007_SNAPIN = "Microsoft.Exchange.Management.PowerShell.Admin";

    private static final String FLAGS = " -NoProfile -NonInteractive -EncodedCommand ";

    private RemotePowerShell() {
    }

    /** The whole text PowerShell runs for {@code script} on {@code host}. */
    public static String wrap(Host host, PowerShellScript script) {
        StringBuilder out = new StringBuilder()
                .append("$ProgressPreference = 'SilentlyContinue'\n")
                .append("try { [Console]::OutputEncoding = [Text.Encoding]::UTF8 } catch { }\n");
        if (host.isExchange2007()) {
            out.append("Add-PSSnapin ").append(EXCHANGE_2007_SNAPIN).append(" -ErrorAction Stop\n");
        }
        return out.append("$global:LASTEXITCODE = 0\n")
                .append("try {\n")
                .append(script.text()).append('\n')
                .append("} catch {\n")
                .append("  [Console]::Error.WriteLine(($_ | Out-String))\n")
                .append("  exit 1\n")
                .append("}\n")
                .append("if ($global:LASTEXITCODE) { exit $global:LASTEXITCODE }\n")
                .append("exit 0\n")
                .toString();
    }

    /** Base64 of the UTF-16LE bytes: what {@code -EncodedCommand} takes. */
    public static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_16LE));
    }

    public static String decode(String encoded) {
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_16LE);
    }

    /** {@code <exe> -NoProfile -NonInteractive -EncodedCommand <base64>} */
    public static String commandLine(String executable, String encoded) {
        return executable + FLAGS + encoded;
    }

    /** The arguments after the executable. */
    public static String arguments(String encoded) {
        return FLAGS.substring(1) + encoded;
    }
}
