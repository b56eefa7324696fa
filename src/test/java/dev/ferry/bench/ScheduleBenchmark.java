package dev.ferry.bench;

import dev.ferry.FerryApplication;
import dev.ferry.access.Actor;
import dev.ferry.schedule.ClusterTest;
import dev.ferry.schedule.ScheduleCommands;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Firing delay of schedules: from the time a fire is due to the moment its script is handed to the simulated
 * host's connector (the fire's started_at), median and p99 over 200 fires. Ten galsync-update schedules fire every
 * second, so ten fires fall due together. Single instance on H2 (the default) and on PostgreSQL, then two
 * instances clustered on PostgreSQL (embedded, on loopback). Not a test: {@code ./mvnw -Pbench verify}.
 */
public final class ScheduleBenchmark {

    private static final int SCHEDULES = 10;
    private static final int WARM_UP_FIRES = 30;
    private static final int FIRES = 200;
    private static final Actor BENCH = new Actor("console", "bench", "bench");

    private ScheduleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("ferry-schedule-bench");
        System.out.printf("machine: %d cores, %d MiB max heap, %s %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        try (ConfigurableApplicationContext ferry = ferry(dir, List.of(
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("ferry") + ";DB_CLOSE_ON_EXIT=FALSE"))) {
            report("single instance, H2 file", measure(List.of(ferry)));
            ClusterTest.quiesce(ferry);
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30)).start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext ferry = ferry(dir, postgres(url, "single", false))) {
                report("single instance, PostgreSQL", measure(List.of(ferry)));
                ClusterTest.quiesce(ferry);
            }
            try (ConfigurableApplicationContext a = ferry(dir, postgres(url, "a", true));
                 ConfigurableApplicationContext b = ferry(dir, postgres(url, "b", true))) {
                report("two-instance cluster, PostgreSQL", measure(List.of(a, b)));
                ClusterTest.quiesce(a);
                ClusterTest.quiesce(b);
            }
        }
    }

    /** Adds the schedules on the first instance; returns the delays of the fires after the warm-up. */
    private static List<Long> measure(List<ConfigurableApplicationContext> instances) throws InterruptedException {
        ScheduleCommands schedules = instances.get(0).getBean(ScheduleCommands.class);
        JdbcClient jdbc = instances.get(0).getBean(JdbcClient.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SCHEDULES; i++) {
            ids.add(schedules.add("galsync-update", Map.of("host", "ex2007-a", "scope", "all", "cron", "* * * * * ?",
                    "tz", "UTC", "channel", "bench"), BENCH).id());
        }
        Instant deadline = Instant.now().plusSeconds(120);
        List<Long> delays;
        do {
            Thread.sleep(500);
            delays = jdbc.sql("""
                    SELECT due_at, started_at FROM schedule_fire
                     WHERE kind = 'CRON' AND started_at IS NOT NULL ORDER BY due_at, id""")
                    .query((rs, row) -> Duration.between(
                            rs.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                            rs.getObject(2, java.time.OffsetDateTime.class).toInstant()).toMillis())
                    .list();
        } while (delays.size() < WARM_UP_FIRES + FIRES && Instant.now().isBefore(deadline));
        ids.forEach(id -> schedules.remove(id, BENCH));
        return delays.subList(WARM_UP_FIRES, Math.min(delays.size(), WARM_UP_FIRES + FIRES));
    }

    private static void report(String what, List<Long> delays) {
        List<Long> sorted = new ArrayList<>(delays);
        sorted.sort(null);
        long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        System.out.printf("schedule firing delay (due → script started on a simulated host), %s:%n"
                        + "  median %d ms, p99 %d ms, max %d ms over %d fires (%d schedules firing every second)%n",
                what, sorted.get(sorted.size() / 2), p99, sorted.get(sorted.size() - 1), sorted.size(), SCHEDULES);
    }

    private static List<String> postgres(String url, String instance, boolean clustered) {
        return List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.quartz.properties.org.quartz.jobStore.driverDelegateClass="
                        + "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate",
                "--spring.quartz.properties.org.quartz.jobStore.isClustered=" + clustered,
                "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + instance);
    }

    private static ConfigurableApplicationContext ferry(Path dir, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(
                "--ferry.console.enabled=false",
                "--logging.file.name=" + dir.resolve("ferry.log"),
                "--logging.threshold.console=warn"));
        args.addAll(extra);
        return new SpringApplicationBuilder(FerryApplication.class).run(args.toArray(String[]::new));
    }
}
