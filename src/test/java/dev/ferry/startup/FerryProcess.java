package dev.ferry.startup;

import dev.ferry.FerryApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Ferry as its own process ({@code java -cp <test class path> dev.ferry.FerryApplication}) in the project
 * directory, so config/application.yml applies as it does for a user, with its data in {@code data}: what it
 * prints on standard output and standard error is collected, standard input stays open until closed here.
 * Every wait is bounded; {@link #close()} kills the process if it is still running.
 */
final class FerryProcess implements AutoCloseable {

    static final Duration START_UP = Duration.ofSeconds(60);

    private final Process process;
    private final StringBuffer printed = new StringBuffer();
    private final Thread reader;

    private FerryProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> collect(process.getInputStream()), "ferry-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts Ferry with its database and log file in {@code data}, the test procedures, and {@code args}. */
    static FerryProcess start(Path data, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                FerryApplication.class.getName(),
                "--spring.datasource.url=" + h2Url(data),
                "--logging.file.name=" + data.resolve("ferry.log"),
                "--ferry.console.files=" + data.resolve("files"),
                "--ferry.procedures.directory=src/test/resources/procedures"));
        command.addAll(List.of(args));
        try {
            return new FerryProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database Ferry uses in {@code data}, as Ferry's default names it (./data/ferry). */
    static String h2Url(Path data) {
        return "jdbc:h2:file:" + data.resolve("ferry") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private void collect(InputStream output) {
        byte[] buffer = new byte[8192];
        try (output) {
            for (int n; (n = output.read(buffer)) >= 0; ) {
                printed.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            printed.append("\n[reading Ferry's output failed: ").append(e.getMessage()).append("]\n");
        }
    }

    long pid() {
        return process.pid();
    }

    /** Everything printed so far, standard output and standard error together. */
    String printed() {
        return printed.toString();
    }

    /** Waits until Ferry has printed {@code text}; false if it has not within {@code limit} or has ended. */
    boolean awaitPrinted(String text, Duration limit) {
        return await(() -> printed.indexOf(text) >= 0 || !process.isAlive(), limit) && printed.indexOf(text) >= 0;
    }

    /** Types {@code lines} on Ferry's standard input and closes it: a console session then ends. */
    void type(String lines) {
        try (OutputStream input = process.getOutputStream()) {
            input.write(lines.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks Ferry to stop as a service manager would (SIGTERM). */
    void terminate() {
        process.destroy();
    }

    /** The exit code once Ferry has ended, everything it printed read. */
    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Ferry did not end within " + limit + "; it printed:\n" + printed);
        }
        reader.join(limit.toMillis());
        return process.exitValue();
    }

    static boolean await(BooleanSupplier condition, Duration limit) {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
