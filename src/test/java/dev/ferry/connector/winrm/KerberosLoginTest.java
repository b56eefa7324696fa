package dev.ferry.connector.winrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.connector.Auth;
import dev.ferry.connector.ConnectorException;
import dev.ferry.connector.CredentialReference;
import dev.ferry.connector.Endpoint;
import dev.ferry.connector.Host;
import dev.ferry.connector.PowerShellScript;
import dev.ferry.connector.Transport;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kerberos goes through the JDK's own Kerberos; there is no KDC here, so this checks that a KDC that cannot be
 * reached becomes a login failure that names the user, the service principal and where to look.
 */
class KerberosLoginTest {

    @TempDir
    static Path directory;
    private static String previous;

    @BeforeAll
    static void krb5Conf() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path conf = Files.writeString(directory.resolve("krb5.conf"), """
                [libdefaults]
                  default_realm = FERRYTEST.EXAMPLE
                  udp_preference_limit = 1
                  kdc_timeout = 2000
                  max_retries = 1
                [realms]
                  FERRYTEST.EXAMPLE = {
                    kdc = 127.0.0.1:%d
                  }
                """.formatted(closed));
        previous = System.setProperty("java.security.krb5.conf", conf.toString());
    }

    @AfterAll
    static void restore() {
        if (previous == null) {
            System.clearProperty("java.security.krb5.conf");
        } else {
            System.setProperty("java.security.krb5.conf", previous);
        }
    }

    @Test
    void anUnreachableKdcIsALoginFailureNamingUserAndService() {
        WinRmConnector connector = new WinRmConnector(new WinRmSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), 153600));
        Host host = new Host("ex-01", "127.0.0.1", Transport.WINRM, null, null, List.of(), new Endpoint(5986,
                Auth.KERBEROS, "svc-ferry@FERRYTEST.EXAMPLE",
                CredentialReference.parse("env:K", Map.of("K", "krb-pass")).orElseThrow(), true, null, null, null));

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> connector.execute(host, PowerShellScript.of("Write-Output 'x'"), Duration.ofSeconds(30),
                        (stream, line) -> { }));

        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.LOGIN);
        assertThat(e.getMessage()).contains("https, kerberos as svc-ferry@FERRYTEST.EXAMPLE",
                "Kerberos failed for user svc-ferry@FERRYTEST.EXAMPLE and service HTTP/127.0.0.1",
                "krb5 configuration").doesNotContain("krb-pass");
    }
}
