package dev.ferry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The record of deliveries on the databases Ferry runs on: H2 (in memory here) and a real PostgreSQL started from
 * Maven artifacts on loopback, each migrated by Flyway as Ferry migrates it. Two {@link Deliveries} on separate
 * connection pools play two Ferry instances.
 */
class DeliveriesTest {

    private static final AtomicInteger databases = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static HikariDataSource postgresA;
    private static HikariDataSource postgresB;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30)).start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        postgresA = pool(url);
        postgresB = pool(url);
        migrate(postgresA, "postgresql");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgresA.close();
        postgresB.close();
        postgres.close();
    }

    @Test
    void ofTwoInstancesClaimingTheSameDeliveriesOnPostgresExactlyOneWinsEach() throws Exception {
        JdbcClient.create(postgresA).sql("DELETE FROM chat_delivery").update();
        Clock clock = Clock.systemUTC();

        assertOneWinnerEach(new Deliveries(JdbcClient.create(postgresA), clock),
                new Deliveries(JdbcClient.create(postgresB), clock));
    }

    @Test
    void ofTwoInstancesClaimingTheSameDeliveriesOnH2ExactlyOneWinsEach() throws Exception {
        DataSource a = h2();
        DataSource b = h2(a);
        Clock clock = Clock.systemUTC();

        assertOneWinnerEach(new Deliveries(JdbcClient.create(a), clock), new Deliveries(JdbcClient.create(b), clock));
    }

    @Test
    void theSameIdOnAnotherPlatformIsAnotherDelivery() {
        Deliveries deliveries = new Deliveries(JdbcClient.create(h2()), Clock.systemUTC());

        assertThat(deliveries.claim("slack", "1300000000000000001")).isTrue();
        assertThat(deliveries.claim("discord", "1300000000000000001")).isTrue();
        assertThat(deliveries.claim("discord", "1300000000000000001")).isFalse();
    }

    @Test
    void deliveriesOlderThanAnHourAreDeletedABoundedBatchAtATime() {
        purgesOldRowsOnly(h2());
    }

    @Test
    void deliveriesOlderThanAnHourAreDeletedOnPostgresToo() {
        JdbcClient.create(postgresA).sql("DELETE FROM chat_delivery").update();
        purgesOldRowsOnly(postgresA);
    }

    @Test
    void whenTheDatabaseCannotRecordADeliveryItIsTakenAsNew() {
        JdbcDataSource unmigrated = new JdbcDataSource();
        unmigrated.setURL("jdbc:h2:mem:deliveries-unmigrated-" + databases.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        Deliveries deliveries = new Deliveries(JdbcClient.create(unmigrated), Clock.systemUTC());

        assertThat(deliveries.claim("slack", "trigger-1")).isTrue();
        assertThat(deliveries.claim("slack", "trigger-1")).isTrue();
    }

    private static void purgesOldRowsOnly(DataSource dataSource) {
        MutableClock clock = new MutableClock();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Deliveries deliveries = new Deliveries(jdbc, clock, Deliveries.KEPT_FOR, 10, 2);
        for (int i = 0; i < 25; i++) {
            assertThat(deliveries.claim("discord", "old-" + i)).isTrue();
        }
        clock.advance(Duration.ofMinutes(50));
        assertThat(deliveries.claim("slack", "recent")).isTrue();
        clock.advance(Duration.ofMinutes(10));
        assertThat(deliveries.purge()).as("nothing is an hour old yet").isZero();

        clock.advance(Duration.ofMinutes(1));
        assertThat(deliveries.purge()).as("two batches of ten, then it stops").isEqualTo(20);
        assertThat(rows(jdbc)).isEqualTo(6);
        assertThat(deliveries.purge()).isEqualTo(5);
        assertThat(deliveries.purge()).isZero();

        assertThat(rows(jdbc)).isEqualTo(1);
        assertThat(deliveries.claim("slack", "recent")).as("kept: 11 minutes old").isFalse();
        assertThat(deliveries.claim("discord", "old-3")).as("forgotten once deleted").isTrue();
    }

    /** Two claimants per instance claim the same 200 ids at once; each id is won exactly once. */
    private static void assertOneWinnerEach(Deliveries a, Deliveries b) throws Exception {
        int ids = 200;
        Map<String, AtomicInteger> wins = new ConcurrentHashMap<>();
        ExecutorService claimants = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Deliveries instance : List.of(a, a, b, b)) {
                done.add(claimants.submit(() -> {
                    go.await();
                    for (int i = 0; i < ids; i++) {
                        if (instance.claim("slack", "trigger-" + i)) {
                            wins.computeIfAbsent("trigger-" + i, k -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> claimant : done) {
                claimant.get(60, TimeUnit.SECONDS);
            }
        } finally {
            claimants.shutdownNow();
        }
        assertThat(wins).hasSize(ids).allSatisfy((id, count) -> assertThat(count.get()).as(id).isEqualTo(1));
    }

    private static int rows(JdbcClient jdbc) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_delivery").query(Integer.class).single();
    }

    private static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:deliveries-" + databases.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        migrate(dataSource, "h2");
        return dataSource;
    }

    /** A second data source on the same in-memory database: another instance's connections. */
    private static DataSource h2(DataSource first) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(((JdbcDataSource) first).getURL());
        return dataSource;
    }

    private static void migrate(DataSource dataSource, String vendor) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .load().migrate();
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(2);
        return pool;
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-21T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
