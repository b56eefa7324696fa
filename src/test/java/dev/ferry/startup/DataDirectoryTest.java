package dev.ferry.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FailedStart;
import dev.ferry.FerryProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory Ferry cannot use stops it with the directory, the keys that point there and what to do. */
class DataDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aDataDirectoryThatIsAFileIsNamed() throws Exception {
        Path data = Files.writeString(dir.resolve("data"), "not a directory");

        String printed = start(data);

        assertThat(printed).contains("Ferry cannot use its data directory " + data + ": it is a file, not a directory.",
                "Ferry keeps the database (spring.datasource.url) and the log file (logging.file.name) there.",
                "What to do: Move the file " + data + " away, or point spring.datasource.url (SPRING_DATASOURCE_URL)"
                        + " and logging.file.name (LOGGING_FILE_NAME) at a directory");
        FailedStart.assertOneBlock(printed);
    }

    @Test
    void aDataDirectoryUnderAFileIsNamedWithTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a directory");

        String printed = start(file.resolve("ferry"));

        assertThat(printed).contains("Ferry cannot use its data directory " + file.resolve("ferry") + ": " + file
                + " is a file, not a directory.");
        FailedStart.assertOneBlock(printed);
    }

    /**
     * A directory without write permission. Tests may run as root, whom permissions do not stop: then the
     * directory is /sys, which the kernel lets nobody create files in.
     */
    @Test
    void aDataDirectoryFerryCannotWriteIsNamed() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (writable(data)) {
            data = Path.of("/sys");
        }
        assertThat(writable(data)).as("a directory nobody here can write").isFalse();

        String printed = start(data);

        assertThat(printed).contains("Ferry cannot write to its data directory " + data + " (",
                "What to do: Give the user Ferry runs as (" + System.getProperty("user.name") + ") write access to "
                        + data + ", or point spring.datasource.url (SPRING_DATASOURCE_URL) and logging.file.name");
        FailedStart.assertOneBlock(printed);
    }

    private static boolean writable(Path directory) {
        try {
            Files.delete(Files.createTempFile(directory, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String start(Path data) {
        return FailedStart.printedBy("--spring.datasource.url=" + FerryProcess.h2Url(data),
                "--logging.file.name=" + data.resolve("ferry.log"),
                "--ferry.procedures.directory=src/test/resources/procedures");
    }
}
