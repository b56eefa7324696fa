package dev.ferry.startup;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.LogFile;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Before logging opens its file and H2 its database: the directories they go to (./data by default) must be
 * directories Ferry can write, or Ferry stops with one sentence naming the directory and the keys to change,
 * instead of the logging system's trace and H2's. Creates them when missing, as H2 and the logging would.
 */
final class DataDirectoryCheck implements EnvironmentPostProcessor {

    static final String LOG_FILE = "logging.file.name";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<Path, List<Use>> directories = new LinkedHashMap<>();
        DatabaseLocation database = DatabaseLocation.of(environment);
        if (database.kind() == DatabaseLocation.Kind.H2_FILE) {
            directories.computeIfAbsent(database.h2File().getParent(), d -> new ArrayList<>())
                    .add(new Use("the database", new SettingKey(DatabaseLocation.URL)));
        }
        LogFile log = LogFile.get(environment);
        if (log != null) {
            Path file = Path.of(log.toString()).toAbsolutePath().normalize();
            directories.computeIfAbsent(file.getParent(), d -> new ArrayList<>())
                    .add(new Use("the log file", new SettingKey(LOG_FILE)));
        }
        directories.forEach(DataDirectoryCheck::check);
        if (database.kind() == DatabaseLocation.Kind.H2_FILE) {
            Path file = database.h2File().resolveSibling(database.h2File().getFileName() + ".mv.db");
            if (Files.exists(file) && !Files.isWritable(file)) {
                throw new DataDirectoryException("Ferry cannot write to its database file " + file + ".",
                        "Give the user Ferry runs as (" + System.getProperty("user.name") + ") write access to it,"
                                + " then start Ferry again.");
            }
        }
    }

    private static void check(Path directory, List<Use> uses) {
        String what = "Ferry keeps " + String.join(" and ", uses.stream().map(Use::describe).toList()) + " there.";
        String keys = String.join(" and ", uses.stream().map(u -> u.key().toString()).toList());
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new DataDirectoryException("Ferry cannot use its data directory " + directory + ": "
                    + (existing.equals(directory) ? "it" : existing.toString()) + " is a file, not a directory. " + what,
                    "Move the file " + existing + " away, or point " + keys + " at a directory, then start Ferry again.");
        }
        try {
            Files.createDirectories(directory);
            Files.delete(Files.createTempFile(directory, ".ferry-", ".write-check"));
        } catch (IOException e) {
            throw new DataDirectoryException("Ferry cannot write to its data directory " + directory + " ("
                    + reason(e) + "). " + what, "Give the user Ferry runs as (" + System.getProperty("user.name")
                    + ") write access to " + directory + ", or point " + keys + " at a directory it may write,"
                    + " then start Ferry again.");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        return e instanceof AccessDeniedException ? "permission denied" : "the system refused to create a file there";
    }

    /** What Ferry keeps in a directory, and the key that puts it there. */
    private record Use(String what, SettingKey key) {
        String describe() {
            return what + " (" + key.name() + ")";
        }
    }
}
