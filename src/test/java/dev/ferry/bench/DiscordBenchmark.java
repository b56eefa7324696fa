package dev.ferry.bench;

import dev.ferry.FerryApplication;
import dev.ferry.chat.discord.PressTiming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToLongFunction;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Discord: the time from a button interaction reaching Ferry's JDA listener to the deferred acknowledgement handed
 * to JDA, and to the next step's message handed to Discord's REST client, measured in-process with the adapter's
 * own executors, H2 on disk, and a recording Discord in place of the network. Not a test: {@code ./mvnw -Pbench verify}.
 */
public final class DiscordBenchmark {

    private static final int STEPS = 20;
    private static final int RUNS_PER_MEASUREMENT = 5;
    private static final int MEASUREMENTS = 5;

    private DiscordBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("ferry-discord-bench");
        Path procedures = Files.createDirectories(dir.resolve("procedures"));
        StringBuilder procedure = new StringBuilder("id: bench-discord\ntitle: Benchmark\nsource: benchmark\n"
                + "parameters:\n  server: { type: host }\nsteps:\n");
        for (int i = 0; i < STEPS; i++) {
            procedure.append("  - id: step-").append(i).append("\n    title: Step ").append(i)
                    .append("\n    kind: manual\n    instructions: Do step ").append(i).append(".\n");
        }
        Files.writeString(procedures.resolve("bench-discord.yml"), procedure);

        try (ConfigurableApplicationContext ferry = new SpringApplicationBuilder(FerryApplication.class).run(
                "--ferry.console.enabled=false",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("ferry") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--ferry.procedures.directory=" + procedures,
                "--logging.file.name=" + dir.resolve("ferry.log"),
                "--logging.threshold.console=warn",
                "--ferry.access.roles.operator.discord-users=*");
             PressTiming discord = new PressTiming(ferry)) {
            List<Long> acknowledged = new ArrayList<>();
            List<Long> nextStep = new ArrayList<>();
            for (int measurement = 0; measurement <= MEASUREMENTS; measurement++) {
                List<PressTiming.Press> presses = new ArrayList<>();
                for (int run = 0; run < RUNS_PER_MEASUREMENT; run++) {
                    presses.addAll(discord.run("bench-discord", "server=spe-ih-02"));
                }
                if (measurement > 0) {  // the first is a warm-up
                    acknowledged.add(median(presses, PressTiming.Press::acknowledged));
                    nextStep.add(median(presses, PressTiming.Press::nextStep));
                }
            }
            System.out.printf("discord: %d measurements of %d button presses (%d-step runs), medians per measurement%n",
                    MEASUREMENTS, RUNS_PER_MEASUREMENT * (STEPS - 1), STEPS);
            report("  press → deferred acknowledgement handed to JDA", acknowledged, 1e3, "µs");
            report("  press → next step's message handed to Discord (committed to H2 on disk)", nextStep, 1e6, "ms");
        }
    }

    private static long median(List<PressTiming.Press> presses, ToLongFunction<PressTiming.Press> value) {
        List<Long> values = new ArrayList<>(presses.stream().map(value::applyAsLong).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    private static void report(String what, List<Long> medians, double unit, String unitName) {
        List<Long> sorted = new ArrayList<>(medians);
        Collections.sort(sorted);
        System.out.printf("%s: median %.2f %s (medians from %.2f to %.2f)%n", what, sorted.get(sorted.size() / 2) / unit,
                unitName, sorted.get(0) / unit, sorted.get(sorted.size() - 1) / unit);
    }
}
