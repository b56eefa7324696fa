package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad procedure file or inventory stops Ferry at start-up with the file, line and field named. */
class StartupFailureTest {

    @TempDir
    Path dir;

    @Test
    void aBadProcedureFileIsNamedWithItsLineAndField() throws Exception {
        Path procedures = Files.createDirectories(dir.resolve("procedures"));
        Files.writeString(procedures.resolve("broken.yml"), """
                id: broken
                title: Broken
                source: test
                steps:
                  - id: one
                    title: One
                    kind: powershell
                    target: nowhere
                    script: Get-Date
                """);
        String printed = failedStart("--ferry.procedures.directory=" + procedures);

        assertThat(printed).contains("APPLICATION FAILED TO START", "Ferry cannot load its procedures",
                "broken.yml:8: steps[0].target: 'nowhere' is not a host parameter of this procedure",
                "Correct the files named above");
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
        String printed = failedStart("--ferry.procedures.directory=src/test/resources/procedures",
                "--ferry.hosts.file=" + hosts);

        assertThat(printed).contains("Ferry cannot load its host inventory",
                "hosts.ex-01.transport: 'telnet' is not a transport; use winrm, ssh or simulated");
    }

    private String failedStart(String... args) {
        return FailedStart.printedBy(args);
    }
}
