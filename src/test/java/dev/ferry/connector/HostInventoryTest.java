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
                    auth: key
                    user: svc-ferry
                    credential: file:/etc/ferry/id_ed25519
                  mail-01:
                    address: mail-01.corp.example.net
                    transport: winrm
                    description: Exchange 2007
                    exchange: "2007"
                    auth: ntlm
                    user: CORP\\svc-ferry
                    credential: env:FERRY_MAIL01_PASSWORD
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
                    transport: simulated
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
    void loadsTheConnectionSettingsOfWinRmAndSshHostsWithTheirDefaults() throws IOException {
        Path file = write("""
                hosts:
                  ex-01:
                    address: ex01.corp.example.net
                    transport: winrm
                    auth: basic
                    user: CORP\\svc-ferry
                    credential: env:FERRY_EX01_PASSWORD
                  ex-02:
                    address: ex02.corp.example.net
                    transport: winrm
                    https: false
                    auth: ntlm
                    user: svc-ferry@corp.example.net
                    credential: file:/run/secrets/ex02
                  ex-03:
                    address: ex03.corp.example.net
                    transport: winrm
                    port: 15986
                    auth: kerberos
                    user: svc-ferry@CORP.EXAMPLE.NET
                    credential: env:EX03
                    tls:
                      thumbprint: "3a:b4 c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5"
                  ex-04:
                    address: ex04.corp.example.net
                    transport: winrm
                    auth: ntlm
                    user: CORP\\svc-ferry
                    credential: env:EX04
                    tls: { trustStore: /etc/ferry/winrm-ca.p12, trustStorePassword: env:TRUST }
                  spe-01:
                    address: spe-01.corp.example.net
                    transport: ssh
                    auth: password
                    user: svc-ferry
                    credential: env:SPE01
                    shell: pwsh
                    knownHosts: /etc/ferry/known_hosts
                """);

        HostInventory inventory = HostInventory.load(file);

        Endpoint basic = inventory.find("ex-01").orElseThrow().endpoint();
        assertThat(basic.port()).isEqualTo(5986);
        assertThat(basic.https()).isTrue();
        assertThat(basic.auth()).isEqualTo(Auth.BASIC);
        assertThat(basic.user()).isEqualTo("CORP\\svc-ferry");
        assertThat(basic.credential()).hasToString("env:FERRY_EX01_PASSWORD");
        assertThat(basic.tls()).isEqualTo(Endpoint.Tls.VERIFY);
        Endpoint http = inventory.find("ex-02").orElseThrow().endpoint();
        assertThat(http.port()).isEqualTo(5985);
        assertThat(http.https()).isFalse();
        assertThat(http.credential()).hasToString("file:/run/secrets/ex02");
        Endpoint pinned = inventory.find("ex-03").orElseThrow().endpoint();
        assertThat(pinned.port()).isEqualTo(15986);
        assertThat(pinned.tls().thumbprint()).isEqualTo("3AB4C2D1E0F9A8B7C6D5E4F3A2B1C0D9E8F7A6B5");
        Endpoint store = inventory.find("ex-04").orElseThrow().endpoint();
        assertThat(store.tls().trustStore()).isEqualTo(Path.of("/etc/ferry/winrm-ca.p12"));
        assertThat(store.tls().trustStorePassword()).hasToString("env:TRUST");
        Endpoint ssh = inventory.find("spe-01").orElseThrow().endpoint();
        assertThat(ssh.port()).isEqualTo(22);
        assertThat(ssh.auth()).isEqualTo(Auth.PASSWORD);
        assertThat(ssh.shell()).isEqualTo("pwsh");
        assertThat(ssh.knownHosts()).isEqualTo(Path.of("/etc/ferry/known_hosts"));
        assertThat(inventory.find("spe-01").orElseThrow().simulate()).isEmpty();
    }

    @Test
    void aSecretWrittenIntoTheFileIsALoadErrorThatDoesNotRepeatIt() throws IOException {
        String message = failure("""
                hosts:
                  ex-01:
                    address: ex01.corp.example.net
                    transport: winrm
                    auth: ntlm
                    user: CORP\\svc-ferry
                    credential: Summer2024!
                """);

        assertThat(message).contains("hosts.ex-01.credential: is not a reference; a secret never goes in this file",
                "env:NAME or file:/path").doesNotContain("Summer2024!");
        assertThat(message).containsPattern("hosts\\.yml:7:");
    }

    @Test
    void refusesCombinationsThatWouldBeInsecureOrThatFerryCannotDo() throws IOException {
        String message = failure("""
                hosts:
                  basic-http:
                    address: a
                    transport: winrm
                    https: false
                    auth: basic
                    user: u
                    credential: env:A
                  two-trusts:
                    address: c
                    transport: winrm
                    auth: ntlm
                    user: u
                    credential: env:C
                    tls: { trustAll: true, thumbprint: "0000000000000000000000000000000000000000" }
                  wrong-auth:
                    address: d
                    transport: ssh
                    auth: ntlm
                    user: u
                    credential: env:D
                  sim:
                    address: e
                    transport: simulated
                    credential: env:E
                  no-login:
                    address: f
                    transport: winrm
                """);

        assertThat(message).contains(
                "hosts.basic-http.auth: basic over http would send the password in clear",
                "hosts.two-trusts.tls.trustAll: cannot stand with thumbprint or trustStore",
                "hosts.wrong-auth.auth: 'ntlm' is not an auth scheme of ssh; use key, password",
                "hosts.sim.credential: a simulated host connects to nothing",
                "hosts.no-login.auth: is missing; winrm takes basic, ntlm, kerberos",
                "hosts.no-login.user: is missing",
                "hosts.no-login.credential: is missing; write env:NAME");
    }

    @Test
    void saysHowToFixAMissingFile() {
        Path file = directory.resolve("absent.yml");

        HostInventoryException e = catchThrowableOfType(HostInventoryException.class, () -> HostInventory.load(file));

        assertThat(e.getMessage()).isEqualTo(file + " does not exist; create it (see docs/hosts-and-connectors.md) or set"
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
