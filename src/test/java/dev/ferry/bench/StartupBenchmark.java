package dev.ferry.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up time of the packaged jar to the console's first line (the moment Ferry takes commands) and
 * its resident memory then, on a fresh H2 database each time. Not a test: {@code ./mvnw -Pbench verify}.
 */
public final class StartupBenchmark {

    private static final int RUNS = 5;

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/ferry.jar");
        List<Double> seconds = new ArrayList<>();
        List<Long> rssMiB = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            Path data = Files.createTempDirectory("ferry-startup");
            ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toString(),
                    "--spring.datasource.url=jdbc:h2:file:" + data.resolve("ferry") + ";DB_CLOSE_ON_EXIT=FALSE",
                    "--logging.file.name=" + data.resolve("ferry.log"))
                    .redirectErrorStream(true);
            long began = System.nanoTime();
            Process ferry = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(ferry.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Ferry console")) {
                // Wait for the console's first line: Ferry is ready.
            }
            double elapsed = (System.nanoTime() - began) / 1e9;
            long rss = residentKiB(ferry.pid());
            try (OutputStream in = ferry.getOutputStream()) {
                in.write("quit\n".getBytes(StandardCharsets.UTF_8));
            }
            if (!ferry.waitFor(30, TimeUnit.SECONDS)) {
                ferry.destroyForcibly();
                throw new IllegalStateException("Ferry did not stop after 'quit'");
            }
            if (line == null) {
                throw new IllegalStateException("Ferry ended before it was ready; see " + data.resolve("ferry.log"));
            }
            if (run > 0) {
                seconds.add(elapsed);
                rssMiB.add(rss / 1024);
            }
        }
        Collections.sort(seconds);
        Collections.sort(rssMiB);
        System.out.printf("start-up to ready (java -jar %s, fresh H2 each run): median %.2f s over %d runs (min %.2f, max %.2f)%n",
                jar, seconds.get(RUNS / 2), RUNS, seconds.get(0), seconds.get(RUNS - 1));
        System.out.printf("resident memory when ready: median %d MiB (min %d, max %d), default JVM flags on %d cores%n",
                rssMiB.get(RUNS / 2), rssMiB.get(0), rssMiB.get(RUNS - 1), Runtime.getRuntime().availableProcessors());
    }

    private static long residentKiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }
}
