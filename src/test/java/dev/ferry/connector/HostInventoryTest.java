package dev.ferry.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostInventoryTest {

    @TempDir
    Path directory;

    private Path write(String text) throws IOException {
        Path file = directory.resolve("hosts.yml");
        Files.writeString(file, text);
        return file;
    }

    private String failure(String text) throws IOException {
        Path file = write(text);
        HostInventoryException e = catchThrowableOfType(HostInventoryException.class, () -> HostInventory.load(file));
        assertThat(e).as("the inventory should have been rejected:%n%s", text).isNotNull();
        assertThat(e.getMessage()).contains(file.toString());
        return e.getMessage();
    }

    @Test
    void loadsTheProjectInventoryWithItsScriptedOutcome() {
        HostInventory inventory = HostInventory.load(Path.of("config/hosts.yml"));

        Host host = inventory.find("spe-ih-01").orElseThrow();
        assertThat(host.address()).isEqualTo("spe-ih-01.corp.example.net");
        assertThat(host.transport()).isEqualTo(Transport.SIMULATED);
        assertThat(host.description()).isEqualTo("Instance Host (old)");
        assertThat(host.simulate()).hasSize(1);
        ScriptedOutcome outcome = host.simulate().get(0);
        assertThat(outcome.match().pattern()).isEqualTo("Stop-Service");
        assertThat(outcome.stdout()).containsExactly(
                "Stopping MailStore SPE Instance Host (MailStoreSPEInstanceHost) ...",
                "MailStoreSPEInstanceHost is Stopped");
        assertThat(outcome.lineDelay()).isEqualTo(Duration.ofMillis(300));
        assertThat(outcome.delay()).isEqualTo(Duration.ZERO);
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stderr()).isEmpty();
        assertThat(outcome.matches("Get-Service x | Stop-Service")).isTrue();
        assertThat(outcome.matches("Start-Service x")).isFalse();

        assertThat(inventory.contains("spe-ih-02")).isTrue();
        assertThat(inventory.contains("spe-ih-03")).isFalse();
        assertThat(inventory.find("ex2007-a").orElseThrow().exchangeVersion()).contains("2007");
        assertThat(inventory.find("spe-01").orElseThrow().exchangeVersion()).isEmpty();
        assertThat(inventory.all()).isNotEmpty()
                .allSatisfy(h -> assertThat(h.transport()).isEqualTo(Transport.SIMULATED));
    }

    @Test
    void loadsEveryFieldAndKeepsTheFilesOrder() throws IOException {
        Path file = write("""
                hosts:
                  mail-02:
                    address: 10.0.0.2
                    transport: ssh
                  mail-01:
                    address: mail-01.corp.example.net
                    transport: winrm
                    description: Exchange 2007
                    exchange: "2007"
                  sim-01:
                    address: sim-01
                    transport: simulated
                    simulate:
                      - match: "Remove-.*"
                        exitCode: 3
                        stdout: [one, two]
                        stderr: denied
                        lineDelay: 2s
                        delay: 1m
                      - {}
                """);

        HostInventory inventory = HostInventory.load(file);

        assertThat(inventory.all()).extracting(Host::name).containsExactly("mail-02", "mail-01", "sim-01");
        assertThat(inventory.find("mail-02").orElseThrow().transport()).isEqualTo(Transport.SSH);
        Host mail = inventory.find("mail-01").orElseThrow();
        assertThat(mail.transport()).isEqualTo(Transport.WINRM);
        assertThat(mail.description()).isEqualTo("Exchange 2007");
        assertThat(mail.simulate()).isEmpty();
        List<ScriptedOutcome> outcomes = inventory.find("sim-01").orElseThrow().simulate();
        assertThat(outcomes).hasSize(2);
        ScriptedOutcome first = outcomes.get(0);
        assertThat(first.exitCode()).isEqualTo(3);
        assertThat(first.stdout()).containsExactly("one", "two");
        assertThat(first.stderr()).isEqualTo("denied");
        assertThat(first.lineDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(first.delay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(first.matches("Remove-Mailbox x")).isTrue();
        ScriptedOutcome empty = outcomes.get(1);
        assertThat(empty.matches("anything")).as("an outcome without match matches every script").isTrue();
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.stdout()).isEmpty();
    }

    @Test
    void loadsAnInventoryWithoutHosts() throws IOException {
        assertThat(HostInventory.load(write("hosts: {}\n")).all()).isEmpty();
        assertThat(HostInventory.load(write("hosts:\n")).all()).isEmpty();
    }

    @Test
    void rejectsAnUnknownTransportSayingWhichOnesExist() throws IOException {
        String message = failure("""
                hosts:
                  mail-01:
                    address: mail-01.corp.example.net
                    transport: telnet
                """);

        assertThat(message).contains("hosts.mail-01.transport: 'telnet' is not a transport; use winrm, ssh or simulated");
    }

    @Test
    void rejectsAMissingTransport() throws IOException {
        String message = failure("""
                hosts:
                  mail-01:
                    address: mail-01.corp.example.net
                """);

        assertThat(message).contains("hosts.mail-01.transport:", "use winrm, ssh or simulated");
    }

    @Test
    void rejectsAMissingAddress() throws IOException {
        String message = failure("""
                hosts:
                  mail-01:
                    transport: winrm
                """);

        assertThat(message).contains("hosts.mail-01.address: is missing");
    }

    @Test
    void rejectsAHostWithoutAnyField() throws IOException {
        String message = failure("""
                hosts:
                  mail-01:
                """);

        assertThat(message).contains("hosts.mail-01: needs at least address and transport");
    }

    @Test
    void rejectsAnUnknownKeyNamingItAndItsLine() throws IOException {
        String message = failure("""
                hosts:
                  mail-01:
                    adress: mail-01.corp.example.net
                    transport: winrm
                """);

        assertThat(message).contains("hosts.yml:", "adress", "mail-01");
        assertThat(message).containsPattern("hosts\\.yml:\\d+:");
    }

    @Test
    void reportsAnUnknownKeyAtItsOwnLine() throws IOException {
        String message = failure("""
                hosts:
                  mail-01:
                    adress: mail-01.corp.example.net
                    transport: winrm
                """);

        assertThat(message).contains("hosts.yml:3:");
    }

    @Test
    void rejectsScriptedOutcomesOnAHostThatIsNotSimulated() throws IOException {
        String message = failure("""
                hosts:
                  mail-01:
                    address: mail-01.corp.example.net
                    transport: winrm
                    simulate:
                      - match: Stop-Service
                        exitCode: 1
                """);

        assertThat(message).contains("hosts.mail-01.simulate: only simulated hosts take scripted outcomes");
    }

    @Test
    void rejectsABadRegularExpression() throws IOException {
        String message = failure("""
                hosts:
                  sim-01:
                    address: sim-01
                    transport: simulated
                    simulate:
                      - match: Stop-Service
                      - match: "Stop-(Service"
                """);

        assertThat(message).contains("hosts.sim-01.simulate[1].match: not a regular expression", "Unclosed group");
    }

    @Test
    void rejectsABadDurationNamingTheOutcomeAndTheValue() throws IOException {
        String message = failure("""
                hosts:
                  sim-01:
                    address: sim-01
                    transport: simulated
                    simulate:
                      - match: Stop-Service
                        lineDelay: soon
                """);

        assertThat(message).contains("hosts.sim-01.simulate[0]: a duration is not valid (write e.g. 500ms, 2s, 1m)",
                "'soon'");
    }

    @Test
    void reportsEveryProblemOfTheFile() throws IOException {
        String message = failure("""
                hosts:
                  a:
                    address: a
                    transport: telnet
                  b:
                    transport: ssh
                  c:
                    address: c
                    transport: simulated
                    simulate:
                      - delay: forever
                """);

        assertThat(message.lines()).hasSize(3);
        assertThat(message).contains("hosts.a.transport:", "hosts.b.address: is missing",
                "hosts.c.simulate[0]: a duration is not valid");
    }

    @Test
    void saysHowToFixAMissingFile() {
        Path file = directory.resolve("absent.yml");

        HostInventoryException e = catchThrowableOfType(HostInventoryException.class, () -> HostInventory.load(file));

        assertThat(e.getMessage()).isEqualTo(file + " does not exist; create it (see README, Hosts) or set"
                + " ferry.hosts.file");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheFileAndLine() throws IOException {
        String message = failure("""
                hosts:
                  mail-01:
                    address: "mail-01
                """);

        assertThat(message).containsPattern("hosts\\.yml:[1-9]\\d*:");
    }
}
