package dev.ferry.bench;

import dev.ferry.FerryApplication;
import dev.ferry.chat.slack.FakeSlackApi;
import dev.ferry.chat.slack.SignedRequests;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Slack's HTTP mode on loopback: how fast Ferry acknowledges signed slash commands and button presses when
 * 50 arrive at once (Slack allows 3 s), and how long a press takes to become the next step's chat.postMessage
 * at a local fake of Slack's Web API. Ferry runs whole, with H2 on disk and simulated hosts. Each measurement:
 * 50 concurrent {@code /migrate start}, then 50 concurrent Run presses on their first steps, then 50 on their
 * second. Not a test: run it with {@code ./mvnw -Pbench verify}.
 */
public final class SlackBenchmark {

    private static final int CONCURRENT = 50;
    private static final int MEASUREMENTS = 5;
    private static final int WARM_UPS = 2;
    private static final String SECRET = "bench-signing-secret";
    private static final Pattern STEP_TEXT = Pattern.compile("^(R\\d+) · step (\\d+)/");
    private static final Pattern STARTED = Pattern.compile("Started run (R\\d+)");

    private SlackBenchmark() {
    }

    /** Where a step message landed, and when it reached the fake. */
    private record Posted(String ts, String thread, long nanoTime) {
    }

    /** One request's acknowledgement time, and for presses the time until the next step was posted. */
    private record Sample(String run, long sentNanos, long ackNanos) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("ferry-slack-bench");
        Map<String, Posted> posted = new ConcurrentHashMap<>();
        Map<String, String> answered = new ConcurrentHashMap<>();
        ExecutorService people = Executors.newFixedThreadPool(CONCURRENT);
        try (FakeSlackApi slack = FakeSlackApi.start();
             ConfigurableApplicationContext ferry = new SpringApplicationBuilder(FerryApplication.class).run(
                     "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("ferry") + ";DB_CLOSE_ON_EXIT=FALSE",
                     "--ferry.procedures.directory=src/test/resources/procedures",
                     "--logging.file.name=" + dir.resolve("ferry.log"),
                     "--logging.threshold.console=warn",
                     "--server.address=127.0.0.1", "--server.port=0",
                     "--ferry.slack.mode=http", "--ferry.slack.bot-token=xoxb-bench",
                     "--ferry.slack.signing-secret=" + SECRET, "--ferry.slack.api-url=" + slack.apiUrl(),
                     "--ferry.access.roles.operator.slack-users=*")) {
            slack.onCall(call -> {
                if (call.method().equals("respond")) {
                    answered.put(call.param("response_url"), call.body());
                }
                Matcher step = call.method().equals("chat.postMessage") && call.param("text") != null
                        ? STEP_TEXT.matcher(call.param("text")) : null;
                if (step != null && step.find() && call.ts() != null) {
                    posted.put(step.group(1) + ":" + step.group(2), new Posted(call.ts(), call.param("thread_ts"),
                            call.nanoTime()));
                }
            });
            String port = ferry.getEnvironment().getProperty("local.server.port");
            SignedRequests requests = new SignedRequests(URI.create("http://127.0.0.1:" + port + "/slack/events"),
                    SECRET, slack);
            System.out.printf("machine: %d cores, %d MiB max heap, %s %s; %d concurrent requests, %d measurements"
                    + " after %d warm-ups; load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), CONCURRENT, MEASUREMENTS, WARM_UPS,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            List<long[]> commands = new ArrayList<>();
            List<long[]> reads = new ArrayList<>();
            List<long[]> presses = new ArrayList<>();
            List<long[]> nextPosts = new ArrayList<>();
            for (int m = 0; m < WARM_UPS + MEASUREMENTS; m++) {
                int measurement = m;
                List<Sample> started = all(people, i -> {
                    String url = slack.responseUrl("m" + measurement + "-" + i);
                    long sent = System.nanoTime();
                    SignedRequests.Answer ack = requests.command("bench" + i, "C1", "start test-idempotent server=spe-ih-01",
                            url);
                    long acked = System.nanoTime();
                    if (ack.statusCode() != 200) {
                        throw new IllegalStateException("command refused: " + ack.statusCode());
                    }
                    Matcher run = STARTED.matcher(await(answered, url));
                    if (!run.find()) {
                        throw new IllegalStateException("no run started: " + answered.get(url));
                    }
                    return new Sample(run.group(1), sent, acked);
                });
                List<Sample> status = all(people, i -> {
                    long sent = System.nanoTime();
                    SignedRequests.Answer ack = requests.command("bench" + i, "C1", "status");
                    long acked = System.nanoTime();
                    if (ack.statusCode() != 200 || !ack.body().contains("Active runs")) {
                        throw new IllegalStateException("no status in the acknowledgement: " + ack.body());
                    }
                    return new Sample(null, sent, acked);
                });
                List<Sample> first = press(people, requests, posted, started, 1);
                List<Sample> second = press(people, requests, posted, first, 2);
                long[] next = first.stream().mapToLong(s -> await(posted, s.run() + ":2").nanoTime() - s.sentNanos())
                        .sorted().toArray();
                if (m >= WARM_UPS) {
                    commands.add(acks(started));
                    reads.add(acks(status));
                    List<Sample> both = new ArrayList<>(first);
                    both.addAll(second);
                    presses.add(acks(both));
                    nextPosts.add(next);
                }
            }
            List<long[]> alone = new ArrayList<>();
            List<long[]> aloneAcks = new ArrayList<>();
            for (int m = 0; m < MEASUREMENTS; m++) {
                long[] samples = new long[10];
                long[] ackSamples = new long[samples.length];
                for (int i = 0; i < samples.length; i++) {
                    String url = slack.responseUrl("alone" + m + "-" + i);
                    requests.command("solo", "C1", "start test-idempotent server=spe-ih-01", url);
                    Matcher run = STARTED.matcher(await(answered, url));
                    if (!run.find()) {
                        throw new IllegalStateException("no run started: " + answered.get(url));
                    }
                    Posted step = await(posted, run.group(1) + ":1");
                    long sent = System.nanoTime();
                    requests.press("solo", "C1", step.thread(), step.ts(), "ferry:run", run.group(1) + ":update-lists:1");
                    ackSamples[i] = System.nanoTime() - sent;
                    samples[i] = await(posted, run.group(1) + ":2").nanoTime() - sent;
                }
                java.util.Arrays.sort(samples);
                java.util.Arrays.sort(ackSamples);
                alone.add(samples);
                aloneAcks.add(ackSamples);
            }
            report("slash command /migrate start: signed request → acknowledged (the run is committed and answered"
                    + " after the acknowledgement)", commands);
            report("slash command /migrate status: signed request → active runs read → answer in the acknowledgement",
                    reads);
            report("button press Run: signed request → acknowledged", presses);
            report("button press Run → script on a simulated host → next step's chat.postMessage at the fake,"
                    + " 50 presses at once", nextPosts);
            report("button press Run, one at a time: signed request → acknowledged", aloneAcks);
            report("button press Run, one at a time → next step's chat.postMessage at the fake", alone);
        } finally {
            people.shutdownNow();
        }
    }

    /** Presses Run on step {@code index} of each run, all at once; waits for each step's message first. */
    private static List<Sample> press(ExecutorService people, SignedRequests requests, Map<String, Posted> posted,
                                      List<Sample> runs, int index) throws Exception {
        List<Posted> steps = runs.stream().map(s -> await(posted, s.run() + ":" + index)).toList();
        String stepId = index == 1 ? "update-lists" : "move-things";
        return all(people, i -> {
            String run = runs.get(i).run();
            Posted step = steps.get(i);
            long sent = System.nanoTime();
            SignedRequests.Answer ack = requests.press("bench" + i, "C1", step.thread(), step.ts(), "ferry:run",
                    run + ":" + stepId + ":1");
            long acked = System.nanoTime();
            if (ack.statusCode() != 200) {
                throw new IllegalStateException("press refused: " + ack.statusCode());
            }
            return new Sample(run, sent, acked);
        });
    }

    @FunctionalInterface
    private interface Person {
        Sample act(int i) throws Exception;
    }

    /** {@value #CONCURRENT} people act at once; bounded to 60 s. */
    private static List<Sample> all(ExecutorService people, Person person) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Sample>> futures = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            int n = i;
            Callable<Sample> task = () -> {
                go.await();
                return person.act(n);
            };
            futures.add(people.submit(task));
        }
        go.countDown();
        List<Sample> samples = new ArrayList<>();
        for (Future<Sample> future : futures) {
            samples.add(future.get(60, TimeUnit.SECONDS));
        }
        return samples;
    }

    private static <T> T await(Map<String, T> posted, String key) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            T found = posted.get(key);
            if (found != null) {
                return found;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException(key + " never reached the fake Slack API");
    }

    private static long[] acks(List<Sample> samples) {
        return samples.stream().mapToLong(s -> s.ackNanos() - s.sentNanos()).sorted().toArray();
    }

    private static void report(String what, List<long[]> measurements) {
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (long[] sorted : measurements) {
            p50.add(percentile(sorted, 50));
            p99.add(percentile(sorted, 99));
        }
        System.out.printf("%s%n  p50 median %.1f ms (range %.1f – %.1f) · p99 median %.1f ms (range %.1f – %.1f)"
                        + " · %d samples per measurement%n", what, median(p50), Collections.min(p50),
                Collections.max(p50), median(p99), Collections.min(p99), Collections.max(p99), measurements.get(0).length);
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
