package dev.ferry.connector.winrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.connector.Auth;
import dev.ferry.connector.ConnectorException;
import dev.ferry.connector.Connectors;
import dev.ferry.connector.CredentialReference;
import dev.ferry.connector.Endpoint;
import dev.ferry.connector.Host;
import dev.ferry.connector.HostInventory;
import dev.ferry.connector.HostPreflight;
import dev.ferry.connector.OutputListener;
import dev.ferry.connector.PowerShellScript;
import dev.ferry.connector.PreflightReport;
import dev.ferry.connector.PreflightReport.Status;
import dev.ferry.connector.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ietf.jgss.GSSCredential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auth: kerberos} with {@code delegate: true} against a real MIT KDC on loopback ({@link MitKdc}): the
 * service HTTP/localhost is ok-as-delegate, HTTP/127.0.0.1 is not, and svc-sensitive may not be delegated (its TGT
 * is never forwardable). The fake listener's acceptor is the JDK's; it must receive the client's TGT and be able to
 * use it, with nothing else, for a ticket to another service: the second hop.
 */
class KerberosDelegationTest {

    static final String REALM = "DELEG.FERRYTEST.EXAMPLE";
    static final String PASSWORD = "Delegate-Pa55";
    static final String USER = "svc-ferry@" + REALM;
    static final String SENSITIVE = "svc-sensitive@" + REALM;

    @TempDir
    static Path directory;
    static MitKdc kdc;
    static Path forwardable;
    static Path notForwardable;
    static KerberosAcceptor trusted;
    static KerberosAcceptor untrusted;
    static TestCertificate certificate;
    private static String previous;

    private FakeWinRmHost fake;
    private final WinRmConnector connector = new WinRmConnector(
            new WinRmSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), 153600));

    @BeforeAll
    static void startKdc() throws Exception {
        if (!MitKdc.installed()) {
            return;
        }
        Path work = Files.createDirectories(directory.resolve("kdc"));
        kdc = MitKdc.start(work, REALM);
        kdc.addUser("svc-ferry", PASSWORD);
        kdc.addUser("svc-sensitive", PASSWORD, "-allow_forwardable");
        Path trustedKeytab = kdc.addService("HTTP/localhost", directory.resolve("localhost.keytab"), "+ok_as_delegate");
        Path untrustedKeytab = kdc.addService("HTTP/127.0.0.1", directory.resolve("loopback.keytab"));
        forwardable = kdc.krb5Conf(directory.resolve("krb5.conf"), true);
        notForwardable = kdc.krb5Conf(directory.resolve("krb5-not-forwardable.conf"), false);
        previous = System.setProperty("java.security.krb5.conf", forwardable.toString());
        trusted = new KerberosAcceptor(trustedKeytab, "HTTP/localhost@" + REALM);
        untrusted = new KerberosAcceptor(untrustedKeytab, "HTTP/127.0.0.1@" + REALM);
        certificate = TestCertificate.create(directory);
    }

    @AfterAll
    static void stopKdc() throws Exception {
        if (kdc != null) {
            kdc.close();
        }
        if (previous == null) {
            System.clearProperty("java.security.krb5.conf");
        } else {
            System.setProperty("java.security.krb5.conf", previous);
        }
    }

    @BeforeEach
    void forwardableTickets() {
        MitKdc.assumeInstalled();
        System.setProperty("java.security.krb5.conf", forwardable.toString());
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private static Host host(String address, int port, boolean https, String user, boolean delegate) {
        Endpoint.Tls tls = https ? new Endpoint.Tls(CertificateTrust.sha1(certificate.certificate()), null, null, false)
                : null;
        return new Host("ex-01", address, Transport.WINRM, null, null, List.of(), new Endpoint(port, Auth.KERBEROS, user,
                CredentialReference.parse("env:K", Map.of("K", PASSWORD)).orElseThrow(), https, tls, null, null,
                delegate));
    }

    private FakeWinRmHost listener(boolean https, KerberosAcceptor acceptor) throws Exception {
        fake = https ? FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.KERBEROS, PASSWORD)
                : FakeWinRmHost.http(FakeWinRmHost.Login.KERBEROS, PASSWORD);
        fake.kerberos(acceptor);
        return fake;
    }

    private static KerberosAcceptor.Context last(KerberosAcceptor acceptor) {
        List<KerberosAcceptor.Context> accepted = acceptor.accepted();
        assertThat(accepted).isNotEmpty();
        return accepted.get(accepted.size() - 1);
    }

    private ConnectorException refused(Host host) {
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> connector.execute(host,
                PowerShellScript.of("Write-Output 'x'"), Duration.ofSeconds(20), OutputListener.NONE));
        assertThat(e).as("the login should have failed").isNotNull();
        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.LOGIN);
        return e;
    }

    @Test
    void theAcceptorReceivesTheUsersTgtInTheOneLoginRoundTripAndCanUseItForASecondHop() throws Exception {
        listener(false, trusted);

        try (RemoteShell shell = connector.open(host("localhost", fake.port(), false, USER, true))) {
            // The login is one HTTP round trip (AP-REQ with the forwarded TGT, AP-REP), then Create.
            assertThat(shell.roundTrips()).isEqualTo(2);
            assertThat(shell.run(PowerShellScript.of("Write-Output 'second hop ready'"), Duration.ofSeconds(20),
                    OutputListener.NONE).stdout()).isEqualTo("second hop ready\n");
        }

        assertThat(fake.actions().stream().filter("login"::equals).count()).isEqualTo(1);
        assertThat(fake.principals()).containsExactly(USER);
        GSSCredential delegated = last(trusted).delegated();
        assertThat(delegated).as("the acceptor holds a delegated credential").isNotNull();
        assertThat(delegated.getName().toString()).isEqualTo(USER);
        // With the delegated TGT alone the host gets a ticket for another service, which accepts it as the user.
        KerberosAcceptor.Context peer = untrusted.accept(last(trusted).secondHop("HTTP@127.0.0.1"));
        assertThat(peer).as("the second service accepts the ticket obtained with the delegated TGT").isNotNull();
        assertThat(peer.client()).isEqualTo(USER);
    }

    @Test
    void overHttpsTheTgtIsDelegatedToo() throws Exception {
        listener(true, trusted);

        String out = connector.execute(host("localhost", fake.port(), true, USER, true),
                PowerShellScript.of("Write-Output 'delegated over https'"), Duration.ofSeconds(20), OutputListener.NONE)
                .stdout();

        assertThat(out).isEqualTo("delegated over https\n");
        assertThat(last(trusted).delegated()).isNotNull();
        assertThat(last(trusted).delegated().getName().toString()).isEqualTo(USER);
    }

    @Test
    void aServiceTheDomainDoesNotTrustForDelegationFailsTheLoginWithWhatToChangeAndSendsNothing() throws Exception {
        listener(false, untrusted);

        ConnectorException e = refused(host("127.0.0.1", fake.port(), false, USER, true));

        assertThat(e.getMessage()).contains("kerberos as " + USER,
                "the domain does not trust HTTP/127.0.0.1 for delegation (its ticket has no ok-as-delegate flag)",
                "setspn -Q HTTP/127.0.0.1",
                "\"Trust this computer for delegation to any service (Kerberos only)\"")
                .doesNotContain(PASSWORD, "Exception");
        // Not retried without delegation: the listener saw no request at all.
        assertThat(fake.requests()).isZero();
    }

    @Test
    void anAccountThatCannotBeDelegatedFailsTheLoginWithWhatToChange() throws Exception {
        listener(false, trusted);

        ConnectorException e = refused(host("localhost", fake.port(), false, SENSITIVE, true));

        assertThat(e.getMessage()).contains("the ticket-granting ticket of " + SENSITIVE + " is not forwardable",
                "set forwardable = true under [libdefaults]",
                "clear \"Account is sensitive and cannot be delegated\" on svc-sensitive")
                .doesNotContain(PASSWORD, "Exception");
        assertThat(fake.requests()).isZero();
        assertThat(trusted.accepted()).noneMatch(c -> c.client().equals(SENSITIVE));
    }

    @Test
    void aKrb5ConfigurationThatAsksForNoForwardableTicketsFailsTheSameWay() throws Exception {
        System.setProperty("java.security.krb5.conf", notForwardable.toString());
        listener(false, trusted);

        ConnectorException e = refused(host("localhost", fake.port(), false, USER, true));

        assertThat(e.getMessage()).contains("the ticket-granting ticket of " + USER + " is not forwardable",
                "set forwardable = true under [libdefaults] in the JDK's krb5 configuration");
        assertThat(fake.requests()).isZero();
    }

    @Test
    void withoutDelegateNothingIsDelegatedEvenToATrustedServiceAndTheLoginIsAsBefore() throws Exception {
        listener(false, trusted);

        try (RemoteShell shell = connector.open(host("localhost", fake.port(), false, USER, false))) {
            assertThat(shell.roundTrips()).isEqualTo(2);
            assertThat(shell.run(PowerShellScript.of("Write-Output 'no delegation'"), Duration.ofSeconds(20),
                    OutputListener.NONE).stdout()).isEqualTo("no delegation\n");
        }

        assertThat(fake.principals()).containsExactly(USER);
        assertThat(last(trusted).delegated()).isNull();
    }

    @Test
    void withoutDelegateAnUntrustedServiceAndANonForwardableTgtLogInAsBefore() throws Exception {
        System.setProperty("java.security.krb5.conf", notForwardable.toString());
        listener(false, untrusted);

        String out = connector.execute(host("127.0.0.1", fake.port(), false, SENSITIVE, false),
                PowerShellScript.of("Write-Output 'as before'"), Duration.ofSeconds(20), OutputListener.NONE).stdout();

        assertThat(out).isEqualTo("as before\n");
        assertThat(last(untrusted).delegated()).isNull();
    }

    @Test
    void thePreflightSaysTheLoginDelegatesOrWhyItCannot() throws Exception {
        listener(false, trusted);
        Connectors connectors = new Connectors(List.of(connector));

        PreflightReport good = new HostPreflight(new HostInventory(List.of(host("localhost", fake.port(), false, USER,
                true))), connectors, Duration.ofSeconds(20)).check("ex-01").orElseThrow();
        PreflightReport bad = new HostPreflight(new HostInventory(List.of(host("localhost", fake.port(), false,
                SENSITIVE, true))), connectors, Duration.ofSeconds(20)).check("ex-01").orElseThrow();

        assertThat(good.checks()).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo("login");
            assertThat(c.status()).isEqualTo(Status.PASSED);
            assertThat(c.detail()).isEqualTo("as " + USER + " with kerberos, delegating credentials");
        });
        assertThat(bad.checks()).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo("login");
            assertThat(c.status()).isEqualTo(Status.FAILED);
            assertThat(c.detail()).contains("is not forwardable");
        });
    }
}
