package dev.ferry.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FailedStart;
import dev.ferry.FerryApplication;
import dev.ferry.FerryProcess;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One H2 file, one Ferry: a second Ferry process on the same data directory is told which process holds it (from
 * the pid file the first wrote beside the database) and exits with 1; a pid file a dead Ferry left behind stops
 * nobody.
 */
class DatabaseLockTest {

    @TempDir
    Path data;

    @Test
    @Timeout(150)
    void aSecondFerryOnTheSameFolderIsToldThePidOfTheFirst() throws Exception {
        try (FerryProcess first = FerryProcess.withDataIn(data)) {
            assertThat(first.awaitPrinted("Ferry console", FerryProcess.START_UP)).as(first.output()).isTrue();
            assertThat(Files.readString(data.resolve("ferry.pid")).strip()).isEqualTo(String.valueOf(first.pid()));

            try (FerryProcess second = FerryProcess.withDataIn(data)) {
                assertThat(second.awaitExit(FerryProcess.START_UP)).as("exit code").isEqualTo(1);
                String printed = second.output();

                assertThat(printed).contains("Another Ferry runs from this folder, pid " + first.pid()
                                + ": it holds the database " + data.resolve("ferry"),
                        "What to do: Stop that Ferry (pid " + first.pid() + ") first, or point spring.datasource.url");
                FailedStart.assertOneBlock(printed);
            }
            assertThat(Files.readString(data.resolve("ferry.pid")).strip()).isEqualTo(String.valueOf(first.pid()));

            first.typeAndClose("quit\n");
            assertThat(first.awaitExit(Duration.ofSeconds(60))).isZero();
            assertThat(data.resolve("ferry.pid")).as("removed at a clean stop").doesNotExist();
        }
    }

    @Test
    @Timeout(60)
    void aPidFileOfADeadProcessIsWrittenOver() throws Exception {
        Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).start();
        ended.getInputStream().transferTo(OutputStream.nullOutputStream());
        ended.waitFor();
        Files.writeString(data.resolve("ferry.pid"), ended.pid() + "\n");

        try (ConfigurableApplicationContext ferry = new SpringApplicationBuilder(FerryApplication.class).run(
                "--ferry.console.enabled=false", "--spring.datasource.url=" + FerryProcess.h2Url(data),
                "--logging.file.name=", "--ferry.procedures.directory=src/test/resources/procedures")) {
            assertThat(Files.readString(data.resolve("ferry.pid")).strip())
                    .isEqualTo(String.valueOf(ProcessHandle.current().pid()));
        }
        assertThat(data.resolve("ferry.pid")).doesNotExist();
    }
}
