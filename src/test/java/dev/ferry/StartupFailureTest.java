package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad procedure file or inventory stops Ferry at start-up with the file, line and field named, in one block
 * on the terminal: no log lines around it, no stack trace, no class names.
 */
class StartupFailureTest {

    private static final String BROKEN = """
            id: broken
            title: Broken
            source: test
            steps:
              - id: one
                title: One
                kind: powershell
                target: nowhere
                script: Get-Date
            """;

    @TempDir
    Path dir;

    @Test
    void aBadProcedureFileIsNamedWithItsLineAndField() throws Exception {
        Path procedures = Files.createDirectories(dir.resolve("procedures"));
        Files.writeString(procedures.resolve("broken.yml"), BROKEN);
        String printed = FailedStart.printedBy("--ferry.procedures.directory=" + procedures);

        assertThat(printed).contains("Ferry cannot load its procedures",
                "broken.yml:8: steps[0].target: 'nowhere' is not a host parameter of this procedure",
                "What to do: Correct the files named above");
        FailedStart.assertOneBlock(printed);
    }

    @Test
    void aBadInventoryIsNamed() throws Exception {
        Path hosts = dir.resolve("hosts.yml");
        Files.writeString(hosts, """
                hosts:
                  ex-01:
                    address: ex-01.example.net
                    transport: telnet
                """);
        String printed = FailedStart.printedBy("--ferry.procedures.directory=src/test/resources/procedures",
                "--ferry.hosts.file=" + hosts);

        assertThat(printed).contains("Ferry cannot load its host inventory",
                "hosts.ex-01.transport: 'telnet' is not a transport; use winrm, ssh or simulated",
                "What to do: Correct the inventory");
        FailedStart.assertOneBlock(printed);
    }

    @Test
    void aLiteralCredentialInTheInventoryIsNamedButNotShown() throws Exception {
        Path hosts = dir.resolve("hosts.yml");
        Files.writeString(hosts, """
                hosts:
                  ex-01:
                    address: ex-01.example.net
                    transport: winrm
                    auth: ntlm
                    user: CORP\\svc-ferry
                    credential: Sommer2024!
                """);
        String printed = FailedStart.printedBy("--ferry.procedures.directory=src/test/resources/procedures",
                "--ferry.hosts.file=" + hosts);

        assertThat(printed).contains("Ferry cannot load its host inventory", "hosts.yml:7", "env:", "file:")
                .doesNotContain("Sommer2024!");
        FailedStart.assertOneBlock(printed);
    }

    @Test
    void aBadProcedureFileIsOneBlockInConsoleModeToo() throws Exception {
        Path procedures = Files.createDirectories(dir.resolve("procedures"));
        Files.writeString(procedures.resolve("broken.yml"), BROKEN);
        String printed = FailedStart.printedBy("--ferry.procedures.directory=" + procedures,
                "--ferry.console.enabled=true");

        assertThat(printed).contains("Ferry cannot load its procedures", "broken.yml:8: steps[0].target");
        FailedStart.assertOneBlock(printed);
    }
}
