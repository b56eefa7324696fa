package dev.ferry.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Which Ferry holds an H2 file database: once this Ferry has opened it (H2 locks the file then), its process id is
 * written beside the database (data/ferry.pid for data/ferry), and removed when Ferry stops cleanly. A second
 * Ferry that H2 turns away reads it to say which process to stop. A pid file left by a Ferry that died is simply
 * written over: H2's lock is what keeps two apart, the file only names the holder.
 */
@Component
final class PidFile implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PidFile.class);

    private final Path file;
    private final long pid = ProcessHandle.current().pid();

    PidFile(DataSource dataSource, Environment environment) throws SQLException {
        this.file = DatabaseLocation.of(environment).pidFile().orElse(null);
        if (file == null) {
            return;
        }
        try (Connection opened = dataSource.getConnection()) {
            // The database is open, and locked, by this process from here on: the pool keeps it open.
            write(file, pid);
        }
    }

    private static void write(Path file, long pid) {
        try {
            Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".new"), pid + "\n",
                    StandardCharsets.US_ASCII);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("The pid file {} could not be written ({}); a second Ferry on this database will not be told"
                    + " which process holds it", file, e.getMessage());
        }
    }

    @Override
    public void destroy() {
        if (file == null) {
            return;
        }
        try {
            if (holder(file).filter(holder -> holder == pid).isPresent()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("The pid file {} could not be removed ({}); the next Ferry writes over it", file, e.getMessage());
        }
    }

    /** The process a pid file names, if the file is there and readable. */
    static Optional<Long> holder(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The running process a pid file names: none when the file is missing or its process has ended. */
    static Optional<Long> runningHolder(Path file) {
        return holder(file).filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
}
