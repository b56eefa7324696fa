package dev.ferry;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A real Ferry JVM as a child process ({@code java -cp <test class path> dev.ferry.FerryApplication}), started in a
 * directory whose {@code config/} applies as it does for a user. What it prints is kept as it arrives, as text and
 * as lines; its standard input stays open for typing until closed here. Every wait is bounded, and
 * {@link #close()} kills a process still running.
 */
public final class FerryProcess implements AutoCloseable {

    public static final Duration START_UP = Duration.ofSeconds(60);

    private final Process process;
    private final OutputStream input;
    private final StringBuilder text = new StringBuilder();
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private FerryProcess(Process process) {
        this.process = process;
        this.input = process.getOutputStream();
        this.reader = new Thread(this::read, "ferry-child-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Starts Ferry in {@code workingDirectory} with {@code args}.
     *
     * @param errors where its standard error goes; null: into what is kept of its standard output
     */
    public static FerryProcess start(Path workingDirectory, Path errors, List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A small, quickly started JVM: some tests start dozens of them.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Xshare:auto",
                "-cp", classpath(), FerryApplication.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        if (errors == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()));
        }
        try {
            return new FerryProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts Ferry from the project directory with its database, log file and saved files in {@code data}, the
     * test procedures, and {@code args}; standard error is kept with standard output.
     */
    public static FerryProcess withDataIn(Path data, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--spring.datasource.url=" + h2Url(data),
                "--logging.file.name=" + data.resolve("ferry.log"),
                "--ferry.console.files=" + data.resolve("files"),
                "--ferry.procedures.directory=src/test/resources/procedures"));
        all.addAll(List.of(args));
        return start(Path.of("").toAbsolutePath(), null, all);
    }

    /** The database Ferry uses in {@code data}, named as Ferry's default names it (./data/ferry). */
    public static String h2Url(Path data) {
        return "jdbc:h2:file:" + data.resolve("ferry") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Surefire may hand the test JVM a manifest-only jar; the real entries are in its own property. */
    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private void read() {
        char[] buffer = new char[8192];
        try (Reader out = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            for (int n; (n = out.read(buffer)) >= 0; ) {
                synchronized (lines) {
                    for (int i = 0; i < n; i++) {
                        text.append(buffer[i]);
                        if (buffer[i] == '\n') {
                            int start = text.lastIndexOf("\n", text.length() - 2) + 1;
                            lines.add(text.substring(start, text.length() - 1).replace("\r", ""));
                        }
                    }
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process was killed while it was read: what arrived is kept.
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Everything printed so far, as text. */
    public String output() {
        synchronized (lines) {
            return text.toString();
        }
    }

    /** The whole lines printed so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** How many whole lines Ferry has printed so far. */
    public int lineCount() {
        synchronized (lines) {
            return lines.size();
        }
    }

    /**
     * Waits until a line from index {@code from} on matches, and returns its index.
     *
     * @throws IllegalStateException when none did within {@code timeout} or the process ended first
     */
    public int await(int from, Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int next = from;
            while (true) {
                for (; next < lines.size(); next++) {
                    if (wanted.test(lines.get(next))) {
                        return next;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new IllegalStateException("Ferry printed no such line within " + timeout
                            + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                            + "; its last lines: " + lines.subList(Math.max(0, lines.size() - 15), lines.size()));
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** Waits until Ferry has printed {@code wanted}; false if it has not within {@code limit} or has ended. */
    public boolean awaitPrinted(String wanted, Duration limit) {
        return await(() -> output().contains(wanted) || !process.isAlive(), limit) && output().contains(wanted);
    }

    /** Types one line into the console; input stays open. */
    public void type(String line) throws IOException {
        input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        input.flush();
    }

    /** Types {@code text} and closes standard input: a console session then ends. */
    public void typeAndClose(String text) {
        try (input) {
            input.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no clean close of the database. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a killed Ferry did not end within 30 s");
        }
        reader.join(5_000);
    }

    /** Asks Ferry to stop as a service manager would (SIGTERM). */
    public void terminate() {
        process.destroy();
    }

    /** The exit code once Ferry has ended, everything it printed read. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Ferry did not end within " + limit + "; it printed:\n" + output());
        }
        reader.join(limit.toMillis());
        return process.exitValue();
    }

    /** Ends the console (end of input) and waits for Ferry to stop by itself; its exit code. */
    public int quit(Duration limit) throws IOException, InterruptedException {
        input.close();
        return awaitExit(limit);
    }

    /** Polls {@code condition} until it holds; false when {@code limit} passed first. */
    public static boolean await(BooleanSupplier condition, Duration limit) {
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
            kill();
        }
    }
}
