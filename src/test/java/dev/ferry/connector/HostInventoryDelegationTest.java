package dev.ferry.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code delegate} key of {@code hosts.yml}: Kerberos over WinRM only, off unless written. */
class HostInventoryDelegationTest {

    @TempDir
    Path directory;

    private Path write(String text) throws IOException {
        return Files.writeString(directory.resolve("hosts.yml"), text);
    }

    @Test
    void aKerberosHostDelegatesOnlyWhenItSaysSo() throws IOException {
        HostInventory inventory = HostInventory.load(write("""
                hosts:
                  ex-01:
                    address: ex01.corp.example.net
                    transport: winrm
                    auth: kerberos
                    delegate: true
                    user: svc-ferry@CORP.EXAMPLE.NET
                    credential: env:EX01
                  ex-02:
                    address: ex02.corp.example.net
                    transport: winrm
                    auth: kerberos
                    user: svc-ferry@CORP.EXAMPLE.NET
                    credential: env:EX02
                  ex-03:
                    address: ex03.corp.example.net
                    transport: winrm
                    https: false
                    auth: kerberos
                    delegate: false
                    user: svc-ferry@CORP.EXAMPLE.NET
                    credential: env:EX03
                """));

        assertThat(inventory.find("ex-01").orElseThrow().endpoint().delegate()).isTrue();
        assertThat(inventory.find("ex-02").orElseThrow().endpoint().delegate()).isFalse();
        assertThat(inventory.find("ex-03").orElseThrow().endpoint().delegate()).isFalse();
    }

    @Test
    void delegateOnAnotherAuthAnSshOrASimulatedHostIsRefusedWithItsLine() throws IOException {
        Path file = write("""
                hosts:
                  ntlm-host:
                    address: a
                    transport: winrm
                    auth: ntlm
                    delegate: true
                    user: CORP\\svc-ferry
                    credential: env:A
                  ssh-host:
                    address: b
                    transport: ssh
                    auth: key
                    delegate: true
                    user: svc-ferry
                    credential: file:/etc/ferry/id_ed25519
                  sim:
                    address: c
                    transport: simulated
                    delegate: true
                  ntlm-off:
                    address: d
                    transport: winrm
                    auth: ntlm
                    delegate: false
                    user: CORP\\svc-ferry
                    credential: env:D
                """);

        HostInventoryException e = catchThrowableOfType(HostInventoryException.class, () -> HostInventory.load(file));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(
                file + ":6: hosts.ntlm-host.delegate: auth ntlm cannot delegate credentials to the host; use auth:"
                        + " kerberos with delegate: true, or remove delegate",
                file + ":13: hosts.ssh-host.delegate: only winrm hosts with auth: kerberos delegate credentials",
                file + ":19: hosts.sim.delegate: a simulated host connects to nothing")
                .doesNotContain("ntlm-off");
    }
}
