package dev.ferry.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** H2 writes each commit before it returns, whatever file URL Ferry is given (CrashTest shows why it matters). */
class DurableCommitsTest {

    @TempDir
    Path data;

    @Test
    void anH2FileUrlGetsWritesBeforeCommitsReturn() {
        assertThat(DurableCommits.durable("jdbc:h2:file:./data/ferry;DB_CLOSE_ON_EXIT=FALSE"))
                .isEqualTo("jdbc:h2:file:./data/ferry;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        assertThat(DurableCommits.durable("jdbc:h2:./data/ferry")).isEqualTo("jdbc:h2:./data/ferry;WRITE_DELAY=0");
    }

    @Test
    void otherUrlsAndAnExplicitChoiceAreKept() {
        assertThat(DurableCommits.durable("jdbc:h2:file:./data/ferry;write_delay = 500"))
                .isEqualTo("jdbc:h2:file:./data/ferry;write_delay = 500");
        assertThat(DurableCommits.durable("jdbc:h2:mem:ferry;DB_CLOSE_DELAY=-1")).isEqualTo("jdbc:h2:mem:ferry;DB_CLOSE_DELAY=-1");
        assertThat(DurableCommits.durable("jdbc:postgresql://127.0.0.1:5432/ferry"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/ferry");
    }

    @Test
    void theDatabaseFerryOpensHasNoWriteDelay() {
        try (ConfigurableApplicationContext ferry = new SpringApplicationBuilder(FerryApplication.class).run(
                "--ferry.console.enabled=false",
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("ferry") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--ferry.procedures.directory=src/test/resources/procedures",
                "--logging.file.name=",
                "--logging.threshold.console=warn")) {
            // H2 lists the setting once as the session sees it and once as the database keeps it.
            assertThat(ferry.getBean(JdbcClient.class)
                    .sql("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")
                    .query(String.class).list()).isNotEmpty().containsOnly("0");
        }
    }
}
