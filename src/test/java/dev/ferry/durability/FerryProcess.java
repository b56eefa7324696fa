package dev.ferry.durability;

import dev.ferry.FerryApplication;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Ferry JVM as a child process with the console chat on its standard input and output: lines typed
 * in, every line it prints kept as it arrives, and {@link #kill()} as {@code kill -9}.
 */
final class FerryProcess implements AutoCloseable {

    private final Process process;
    private final OutputStream input;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private FerryProcess(Process process) {
        this.process = process;
        this.input = process.getOutputStream();
        this.reader = new Thread(this::read, "ferry-child-stdout");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts Ferry from this test's classpath with {@code args}; its standard error goes to {@code errors}. */
    static FerryProcess start(Path workingDirectory, Path errors, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A small, quickly started JVM: the test starts dozens of them.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Xshare:auto",
                "-cp", classpath(), FerryApplication.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()))
                .start();
        return new FerryProcess(process);
    }

    /** Surefire may hand the test JVM a manifest-only jar; the real entries are in its own property. */
    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path")
                .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process was killed while we read: what arrived is kept.
        }
    }

    /** Types one line into the console. */
    void type(String line) throws IOException {
        input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        input.flush();
    }

    /** How many lines Ferry has printed so far. */
    int printed() {
        synchronized (lines) {
            return lines.size();
        }
    }

    /** The lines printed so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * Waits until a line from index {@code from} on matches, and returns its index.
     *
     * @throws IllegalStateException when none did within {@code timeout} or the process ended first
     */
    int await(int from, Predicate<String> wanted, Duration timeout) throws InterruptedException {
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

    /** SIGKILL: no shutdown hook, no flush, no clean close of the database. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a killed Ferry did not end within 30 s");
        }
        reader.join(5_000);
    }

    /** Ends the console (end of input) and waits for Ferry to stop by itself. */
    int quit(Duration timeout) throws IOException, InterruptedException {
        input.close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("Ferry did not stop within " + timeout + " after its input ended");
        }
        reader.join(5_000);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
