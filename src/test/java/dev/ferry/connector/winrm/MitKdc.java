package dev.ferry.connector.winrm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's MIT Kerberos KDC ({@code krb5kdc} of the package krb5-kdc, {@code kadmin.local} of krb5-admin-server) in
 * a throw-away realm: its database, stash and configuration in the test's directory, listening on a free port of
 * 127.0.0.1 only, stopped by {@link #close()}. Unlike Apache Kerby's in-process KDC it marks a service principal
 * ok-as-delegate ({@code +ok_as_delegate}), issues non-forwardable TGTs to an account that may not be delegated
 * ({@code -allow_forwardable}, as Active Directory does for "Account is sensitive and cannot be delegated"), and
 * answers the TGS request for a forwarded TGT.
 */
final class MitKdc implements AutoCloseable {

    static final String PACKAGES = "krb5-kdc krb5-admin-server";
    private static final List<Path> SEARCHED = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"));
    private static final Duration START = Duration.ofSeconds(15);
    private static final Duration TOOL = Duration.ofSeconds(30);

    private final Path directory;
    private final String realm;
    private final int port;
    private Process kdc;

    private MitKdc(Path directory, String realm, int port) {
        this.directory = directory;
        this.realm = realm;
        this.port = port;
    }

    static boolean installed() {
        return Stream.of("krb5kdc", "kdb5_util", "kadmin.local").allMatch(p -> program(p).isPresent());
    }

    /**
     * Skips the calling test, saying which packages to install, when the MIT KDC's programs are not here. Call it
     * before each test (an assumption in {@code @BeforeAll} hides the skipped tests from the build's count).
     */
    static void assumeInstalled() {
        assumeTrue(installed(), "krb5kdc, kdb5_util and kadmin.local are not installed: these tests need Debian's"
                + " MIT KDC (apt-get install -y " + PACKAGES + "; .ci/run installs them)");
    }

    private static Optional<Path> program(String name) {
        return SEARCHED.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
    }

    /** Creates the realm's database in {@code directory} and starts the KDC on a free loopback port. */
    static MitKdc start(Path directory, String realm) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        MitKdc kdc = new MitKdc(directory, realm, port);
        Files.writeString(directory.resolve("kdc.conf"), """
                [kdcdefaults]
                  kdc_listen = 127.0.0.1:%2$d
                  kdc_tcp_listen = 127.0.0.1:%2$d
                [realms]
                  %1$s = {
                    database_name = %3$s/principal
                    key_stash_file = %3$s/stash
                    acl_file = %3$s/kadm5.acl
                    master_key_type = aes256-cts-hmac-sha1-96
                    supported_enctypes = aes256-cts-hmac-sha1-96:normal
                  }
                [logging]
                  kdc = FILE:%3$s/kdc.log
                """.formatted(realm, port, directory));
        kdc.krb5Conf(directory.resolve("tools-krb5.conf"), true);
        kdc.run("kdb5_util", "create", "-s", "-P", "throw-away-master-" + port, "-r", realm);
        kdc.kdc = kdc.command("krb5kdc", "-n", "-r", realm)
                .redirectOutput(directory.resolve("krb5kdc.out").toFile()).redirectErrorStream(true).start();
        kdc.awaitListening();
        return kdc;
    }

    int port() {
        return port;
    }

    /** A user with a password; {@code -allow_forwardable} makes its TGTs non-forwardable. */
    void addUser(String name, String password, String... flags) throws IOException, InterruptedException {
        List<String> query = new ArrayList<>(List.of("addprinc", "-pw", password));
        query.addAll(List.of(flags));
        query.add(name);
        kadmin(String.join(" ", query));
    }

    /** A service with a random key, e.g. {@code HTTP/localhost} with {@code +ok_as_delegate}, exported to a keytab. */
    Path addService(String principal, Path keytab, String... flags) throws IOException, InterruptedException {
        List<String> query = new ArrayList<>(List.of("addprinc", "-randkey"));
        query.addAll(List.of(flags));
        query.add(principal);
        kadmin(String.join(" ", query));
        kadmin("ktadd -k " + keytab + " " + principal);
        return keytab;
    }

    /** Writes a krb5.conf for this realm (the JDK's, or the tools'); {@code forwardable} asks for forwardable TGTs. */
    Path krb5Conf(Path file, boolean forwardable) throws IOException {
        return Files.writeString(file, """
                [libdefaults]
                  default_realm = %1$s
                  udp_preference_limit = 1
                  dns_canonicalize_hostname = false
                  rdns = false
                  kdc_timeout = 5000
                  forwardable = %3$s
                [realms]
                  %1$s = {
                    kdc = 127.0.0.1:%2$d
                  }
                """.formatted(realm, port, forwardable));
    }

    private void kadmin(String query) throws IOException, InterruptedException {
        run("kadmin.local", "-r", realm, "-q", query);
    }

    private ProcessBuilder command(String program, String... arguments) {
        List<String> line = new ArrayList<>();
        line.add(program(program).orElseThrow().toString());
        line.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(line).directory(directory.toFile());
        builder.environment().put("KRB5_CONFIG", directory.resolve("tools-krb5.conf").toString());
        builder.environment().put("KRB5_KDC_PROFILE", directory.resolve("kdc.conf").toString());
        return builder;
    }

    private void run(String program, String... arguments) throws IOException, InterruptedException {
        Process process = command(program, arguments).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(TOOL.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(program + " did not finish within " + TOOL.toSeconds() + " s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        // kadmin.local reports a failed query on its output but exits 0.
        if (process.exitValue() != 0 || text.contains("while ")) {
            throw new IllegalStateException(program + " " + String.join(" ", arguments) + " failed: " + text);
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant until = Instant.now().plus(START);
        while (Instant.now().isBefore(until)) {
            if (!kdc.isAlive()) {
                throw new IllegalStateException("krb5kdc stopped at start: "
                        + Files.readString(directory.resolve("krb5kdc.out")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("krb5kdc did not listen on 127.0.0.1:" + port + " within " + START.toSeconds()
                + " s");
    }

    @Override
    public void close() throws InterruptedException {
        if (kdc != null && kdc.isAlive()) {
            kdc.destroy();
            if (!kdc.waitFor(10, TimeUnit.SECONDS)) {
                kdc.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
