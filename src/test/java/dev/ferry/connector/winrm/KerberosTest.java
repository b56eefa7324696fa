package dev.ferry.connector.winrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.connector.Auth;
import dev.ferry.connector.ConnectorException;
import dev.ferry.connector.CredentialReference;
import dev.ferry.connector.Endpoint;
import dev.ferry.connector.Host;
import dev.ferry.connector.OutputListener;
import dev.ferry.connector.PowerShellScript;
import dev.ferry.connector.Transport;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kerberos against a real KDC (Apache Kerby, in-process on loopback): the connector logs in with the JDK's
 * Krb5LoginModule, gets a ticket for HTTP/localhost and presents it; the fake listener accepts it with the
 * JDK's GSS-API acceptor and the service's keytab.
 */
class KerberosTest {

    static final String REALM = "FERRYTEST.EXAMPLE";
    static final String PASSWORD = "Kerberos-Pa55";

    @TempDir
    static Path directory;
    static SimpleKdcServer kdc;
    static TestCertificate certificate;
    static KerberosAcceptor acceptor;
    private static String previous;

    private FakeWinRmHost fake;

    @BeforeAll
    static void startKdc() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path conf = Files.writeString(directory.resolve("krb5.conf"), """
                [libdefaults]
                  default_realm = %s
                  udp_preference_limit = 1
                  dns_canonicalize_hostname = false
                  rdns = false
                  kdc_timeout = 5000
                [realms]
                  %s = {
                    kdc = 127.0.0.1:%d
                  }
                """.formatted(REALM, REALM, port));
        previous = System.setProperty("java.security.krb5.conf", conf.toString());
        Path work = Files.createDirectories(directory.resolve("kdc"));
        kdc = new SimpleKdcServer();
        kdc.setWorkDir(work.toFile());
        kdc.setKdcHost("127.0.0.1");
        kdc.setKdcRealm(REALM);
        kdc.setKdcTcpPort(port);
        kdc.setAllowUdp(false);
        kdc.setAllowTcp(true);
        kdc.init();
        kdc.start();
        kdc.createPrincipal("svc-ferry@" + REALM, PASSWORD);
        Path keytab = directory.resolve("http.keytab");
        kdc.createAndExportPrincipals(keytab.toFile(), "HTTP/localhost@" + REALM);
        acceptor = new KerberosAcceptor(keytab, "HTTP/localhost@" + REALM);
        certificate = TestCertificate.create(directory);
    }

    @AfterAll
    static void stopKdc() throws Exception {
        kdc.stop();
        if (previous == null) {
            System.clearProperty("java.security.krb5.conf");
        } else {
            System.setProperty("java.security.krb5.conf", previous);
        }
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private final WinRmConnector connector = new WinRmConnector(
            new WinRmSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), 153600));

    private Host host(int port, boolean https, String password) {
        Endpoint.Tls tls = https ? new Endpoint.Tls(CertificateTrust.sha1(certificate.certificate()), null, null, false) : null;
        return new Host("ex-01", "localhost", Transport.WINRM, null, null, List.of(), new Endpoint(port, Auth.KERBEROS,
                "svc-ferry@" + REALM, CredentialReference.parse("env:K", Map.of("K", password)).orElseThrow(), https,
                tls, null, null));
    }

    @Test
    void logsInWithATicketFromTheKdcOverHttps() throws Exception {
        fake = FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.KERBEROS, PASSWORD);
        fake.kerberos(acceptor);

        String out = connector.execute(host(fake.port(), true, PASSWORD), PowerShellScript.of("Write-Output 'kerberos'"),
                Duration.ofSeconds(20), OutputListener.NONE).stdout();

        assertThat(out).isEqualTo("kerberos\n");
        assertThat(fake.principals()).containsExactly("svc-ferry@" + REALM);
    }

    @Test
    void overHttpEveryMessageIsEncryptedWithTheKerberosSessionBothWays() throws Exception {
        fake = FakeWinRmHost.http(FakeWinRmHost.Login.KERBEROS, PASSWORD);
        fake.kerberos(acceptor);

        var result = connector.execute(host(fake.port(), false, PASSWORD), PowerShellScript.of(
                "Write-Output 'sealed with kerberos'\nStart-Sleep -Milliseconds 1200\nWrite-Error 'and checked'"),
                Duration.ofSeconds(20), OutputListener.NONE);

        assertThat(result.stdout()).isEqualTo("sealed with kerberos\n");
        assertThat(result.stderr()).startsWith("and checked\n");
        assertThat(fake.principals()).containsExactly("svc-ferry@" + REALM);
        assertThat(fake.actions()).startsWith("login", "Create").endsWith("Delete");
        // The JDK's acceptor read every token as sent: the header with the 28 rotated bytes is 60 bytes for AES.
        assertThat(fake.kerberosHeaders()).isNotEmpty().containsOnly(60);
        assertThat(fake.wire()).allSatisfy(body -> assertThat(body)
                .startsWith("--Encrypted Boundary\r\n\tContent-Type: application/HTTP-Kerberos-session-encrypted\r\n")
                .doesNotContain("Envelope", "Write-Output"));
    }

    @Test
    void aWrongPasswordIsRefusedByTheKdc() throws Exception {
        fake = FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.KERBEROS, PASSWORD);
        fake.kerberos(acceptor);

        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> connector.execute(
                host(fake.port(), true, "wrong"), PowerShellScript.of("Write-Output 'x'"), Duration.ofSeconds(20),
                OutputListener.NONE));

        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.LOGIN);
        assertThat(e.getMessage()).contains("Kerberos failed for user svc-ferry@" + REALM + " and service HTTP/localhost");
        assertThat(fake.requests()).isZero();
    }
}
