package dev.ferry.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * One fire of a schedule, as recorded: it ran, was skipped because the previous fire still ran, or was cut off
 * when the Ferry instance running it stopped.
 *
 * @param due       the fire time it stands for (for a late fire: the time that was missed)
 * @param firedAt   when Quartz fired it
 * @param startedAt when the first script was handed to the host's connector, or null
 * @param updatedAt the last sign of life while it ran (progress)
 * @param instance  the Quartz instance that ran it
 */
public record Fire(
        long id,
        String scheduleId,
        Kind kind,
        Result result,
        Instant due,
        Instant firedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt,
        Integer exitCode,
        String requestedBy,
        String instance,
        String note,
        String outputTail) {

    /** What started a fire. */
    public enum Kind {
        /** The schedule's cron trigger. */
        CRON("on schedule"),
        /** Instead of a fire time that a daylight-saving change skipped (02:00 on the day clocks jump to 03:00). */
        DST("at the end of the daylight-saving gap that skipped its time"),
        /** {@code /migrate schedule run-now}. */
        MANUAL("by run-now"),
        /** Again, after the Ferry instance running it stopped. */
        RECOVERY("again after the instance running it stopped");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** How a fire ended. */
    public enum Result {
        RUNNING("running"),
        SUCCEEDED("succeeded"),
        FAILED("failed"),
        SKIPPED("skipped"),
        CUT_OFF("cut off");

        private final String words;

        Result(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** The last moment it is known to have run: its end, or its last sign of life. */
    public Instant end() {
        return finishedAt != null ? finishedAt : updatedAt;
    }

    /** Whether it was running at {@code time}. */
    boolean covers(Instant time) {
        return result != Result.SKIPPED && !time.isBefore(firedAt) && time.isBefore(end());
    }

    public Duration duration() {
        return Duration.between(firedAt, end());
    }
}
