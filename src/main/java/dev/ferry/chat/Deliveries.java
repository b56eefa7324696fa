package dev.ferry.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The deliveries from chat platforms that Ferry has taken: Slack's commands, presses and form submissions (by their
 * trigger id), Discord's interactions (by their id). A platform delivers one again when it did not hear the
 * acknowledgement in time (Socket Mode's retries), and a signed request can be replayed; an adapter claims each
 * delivery before it acts, and acknowledges a repeat without acting on it.
 *
 * <p>The record is the {@code chat_delivery} table, so Ferry instances sharing one PostgreSQL share it too. A claim
 * is one INSERT, made outside any transaction (the adapters claim on their own threads, before anything else): its
 * primary key lets exactly one claimant win, on H2 as on PostgreSQL. Rows are kept {@link #KEPT_FOR}, longer than
 * Slack retries, Slack's 5-minute signature window and Discord's 15-minute interaction tokens; then {@link #purge()}
 * deletes them, a bounded number per call.
 */
public class Deliveries {

    /** How long a delivery is remembered. */
    public static final Duration KEPT_FOR = Duration.ofHours(1);
    /** How often {@link #purgeEvery} deletes what is older than {@link #KEPT_FOR}. */
    public static final Duration PURGE_EVERY = Duration.ofMinutes(5);
    private static final int PURGE_BATCH = 1000;
    private static final int PURGE_BATCHES = 10;
    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration keptFor;
    private final int batch;
    private final int batches;
    private final String purgeBatch;

    public Deliveries(JdbcClient jdbc, Clock clock) {
        this(jdbc, clock, KEPT_FOR, PURGE_BATCH, PURGE_BATCHES);
    }

    /** @param batch rows deleted per statement; {@code batches} statements at most per {@link #purge()} */
    Deliveries(JdbcClient jdbc, Clock clock, Duration keptFor, int batch, int batches) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keptFor = keptFor;
        this.batch = batch;
        this.batches = batches;
        // The batch is a number of Ferry's, never input: FETCH FIRST takes no parameter on every database.
        this.purgeBatch = """
                DELETE FROM chat_delivery WHERE seen_at < :before AND (platform, delivery_id) IN (
                    SELECT platform, delivery_id FROM chat_delivery WHERE seen_at < :before
                     ORDER BY seen_at FETCH FIRST %d ROWS ONLY)""".formatted(batch);
    }

    /**
     * Claims a delivery: true when this is its first arrival and the caller is to act on it, false when it was
     * claimed before (here or by another instance) and is to be acknowledged only. When the database cannot be
     * asked, the delivery is taken as new (and a warning logged): the person's request is carried out rather
     * than lost, and the run engine still lets only one of two presses on a step count.
     */
    public boolean claim(String platform, String deliveryId) {
        try {
            jdbc.sql("INSERT INTO chat_delivery (platform, delivery_id, seen_at) VALUES (:platform, :id, :at)")
                    .param("platform", platform).param("id", deliveryId)
                    .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        } catch (DataAccessException e) {
            log.warn("Ferry could not record a {} delivery as seen ({}); it is carried out, but were it delivered"
                    + " again it would be carried out again", platform, e.getMostSpecificCause().getMessage());
            return true;
        }
    }

    /** Deletes deliveries older than {@link #KEPT_FOR}: at most a few thousand rows per call. */
    public int purge() {
        Instant before = clock.instant().minus(keptFor);
        int deleted = 0;
        for (int i = 0; i < batches; i++) {
            int rows = jdbc.sql(purgeBatch).param("before", before.atOffset(ZoneOffset.UTC)).update();
            deleted += rows;
            if (rows < batch) {
                break;
            }
        }
        return deleted;
    }

    /** Purges on {@code timer} every {@link #PURGE_EVERY} until the handle is closed. */
    public Purging purgeEvery(ScheduledExecutorService timer) {
        long every = PURGE_EVERY.toMillis();
        return new Purging(timer.scheduleWithFixedDelay(() -> {
            try {
                purge();
            } catch (RuntimeException e) {
                // Caught so that the next purge still comes: an exception would end the schedule.
                log.warn("Ferry could not delete old deliveries ({}); it tries again in {} minutes", e.getMessage(),
                        PURGE_EVERY.toMinutes());
            }
        }, every, every, TimeUnit.MILLISECONDS));
    }

    /** The purge a chat platform scheduled; closed with the platform's beans, before the database. */
    public static final class Purging implements AutoCloseable {
        private final ScheduledFuture<?> scheduled;

        private Purging(ScheduledFuture<?> scheduled) {
            this.scheduled = scheduled;
        }

        @Override
        public void close() {
            scheduled.cancel(false);
        }
    }
}
