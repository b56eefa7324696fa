package dev.ferry.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FailedStart;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A PostgreSQL Ferry cannot use: one that is not there (nothing listens on its port) and a real one, started from
 * Maven artifacts on loopback, that refuses Ferry's login. Each names host:port and the keys to set; the password
 * given is never printed.
 */
class PostgresStartupTest {

    @Test
    void aPostgresNobodyListensForIsNamedWithHostAndPort() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String printed = start("jdbc:postgresql://127.0.0.1:" + port + "/ferry", "ferry", "Unreachable-Pa55");

        assertThat(printed).contains("Ferry cannot reach its PostgreSQL database at 127.0.0.1:" + port + ":",
                "What to do: Start PostgreSQL there, or set spring.datasource.url (SPRING_DATASOURCE_URL) to where"
                        + " it listens").doesNotContain("Unreachable-Pa55");
        FailedStart.assertOneBlock(printed);
    }

    @Test
    @Timeout(90)
    void aLoginPostgresRefusesIsNamedWithTheKeysToSet() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30)).start()) {
            requirePasswords(postgres);
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";

            String printed = start(url, "ferry", "Wrong-Pa55");

            assertThat(printed).contains("PostgreSQL at 127.0.0.1:" + postgres.getPort()
                            + " refused the login of user 'ferry':",
                    "What to do: Set spring.datasource.username (SPRING_DATASOURCE_USERNAME) and"
                            + " spring.datasource.password (SPRING_DATASOURCE_PASSWORD)")
                    .doesNotContain("Wrong-Pa55", "Right-Pa55");
            FailedStart.assertOneBlock(printed);
        }
    }

    /** Makes the server ask every login but its own superuser's for a password, and gives "ferry" one. */
    private static void requirePasswords(EmbeddedPostgres postgres) throws Exception {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE ferry LOGIN PASSWORD 'Right-Pa55'");
            Path hba;
            try (ResultSet file = sql.executeQuery("SHOW hba_file")) {
                file.next();
                hba = Path.of(file.getString(1));
            }
            Files.writeString(hba, """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            sql.execute("SELECT pg_reload_conf()");
        }
    }

    private static String start(String url, String user, String password) {
        return FailedStart.printedBy("--ferry.procedures.directory=src/test/resources/procedures",
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password);
    }
}
