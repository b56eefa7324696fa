package dev.ferry.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RemotePowerShellTest {

    private static final Host PLAIN = new Host("spe-01", "spe-01", Transport.SSH, null, null, List.of());
    private static final Host EXCHANGE = new Host("ex-01", "ex-01", Transport.WINRM, null, "2007", List.of());

    @Test
    void wrapsTheScriptWithQuietProgressAndAnExplicitExitCode() {
        String text = RemotePowerShell.wrap(PLAIN, PowerShellScript.builder("Stop-Service -Name $name")
                .string("name", "MailStoreSPE").build());

        assertThat(text).startsWith("$ProgressPreference = 'SilentlyContinue'\n")
                .contains("try {\n$name = 'MailStoreSPE'\nStop-Service -Name $name\n} catch {",
                        "exit 1", "if ($global:LASTEXITCODE) { exit $global:LASTEXITCODE }")
                .endsWith("exit 0\n")
                .doesNotContain("Add-PSSnapin");
    }

    @Test
    void exchange2007HostsGetTheSnapIn() {
        assertThat(RemotePowerShell.wrap(EXCHANGE, PowerShellScript.of("Get-Mailbox")))
                .contains("Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin -ErrorAction Stop\n");
    }

    @Test
    void encodesAsBase64OfUtf16LittleEndian() {
        // What [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes('dir')) gives.
        assertThat(RemotePowerShell.encode("dir")).isEqualTo("ZABpAHIA");
        assertThat(RemotePowerShell.decode(RemotePowerShell.encode("Grüße ‘x’"))).isEqualTo("Grüße ‘x’");
        assertThat(RemotePowerShell.commandLine("pwsh", "ZABpAHIA"))
                .isEqualTo("pwsh -NoProfile -NonInteractive -EncodedCommand ZABpAHIA");
    }
}
