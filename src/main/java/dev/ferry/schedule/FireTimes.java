package dev.ferry.schedule;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * The times a schedule fires: its cron expression in its zone, plus one fire at the end of each
 * daylight-saving gap in which the cron expression has a wall-clock time. Quartz's cron trigger silently
 * skips such times (a daily 02:00 in Europe/Berlin does not fire on the last Sunday of March), so Ferry adds
 * a one-shot trigger at the gap's end (03:00): a daily run is neither skipped nor doubled.
 */
final class FireTimes {

    /** How far ahead a daylight-saving gap is looked for. */
    private static final Duration GAP_HORIZON = Duration.ofDays(2 * 366);

    private final CronExpression zoned;
    private final CronExpression wallClock;
    private final ZoneId zone;

    /** @throws ParseException when {@code cron} is not a Quartz cron expression */
    FireTimes(String cron, ZoneId zone) throws ParseException {
        this.zone = zone;
        this.zoned = new CronExpression(cron);
        this.zoned.setTimeZone(TimeZone.getTimeZone(zone));
        // The same fields read as wall-clock time: UTC has no gaps, so every local time it names exists there.
        this.wallClock = new CronExpression(cron);
        this.wallClock.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
    }

    static FireTimes of(Schedule schedule) {
        try {
            return new FireTimes(schedule.cron(), schedule.zone());
        } catch (ParseException e) {
            throw new IllegalStateException("schedule " + schedule.id() + " has an invalid cron expression", e);
        }
    }

    /** The first fire time after {@code after}, or empty if the expression never fires again. */
    Optional<Instant> nextAfter(Instant after) {
        Optional<Instant> cron = cronAfter(after);
        Optional<Instant> gap = gapAfter(after);
        if (cron.isEmpty() || gap.isEmpty()) {
            return cron.isPresent() ? cron : gap;
        }
        return Optional.of(cron.get().isBefore(gap.get()) ? cron.get() : gap.get());
    }

    List<Instant> next(Instant after, int count) {
        List<Instant> times = new ArrayList<>();
        Instant cursor = after;
        while (times.size() < count) {
            Optional<Instant> next = nextAfter(cursor);
            if (next.isEmpty()) {
                break;
            }
            times.add(next.get());
            cursor = next.get();
        }
        return times;
    }

    /** Quartz's own next time for the cron expression (what the cron trigger fires). */
    Optional<Instant> cronAfter(Instant after) {
        return Optional.ofNullable(zoned.getNextValidTimeAfter(Date.from(after))).map(Date::toInstant);
    }

    /**
     * The end of the next daylight-saving gap after {@code after} that swallows a wall-clock time of the
     * expression, unless the expression fires at that very instant anyway.
     */
    Optional<Instant> gapAfter(Instant after) {
        Instant cursor = after;
        Instant horizon = after.plus(GAP_HORIZON);
        for (int i = 0; i < 16; i++) {
            ZoneOffsetTransition transition = zone.getRules().nextTransition(cursor);
            if (transition == null || transition.getInstant().isAfter(horizon)) {
                return Optional.empty();
            }
            if (transition.isGap() && swallows(transition)
                    && !zoned.isSatisfiedBy(Date.from(transition.getInstant()))) {
                return Optional.of(transition.getInstant());
            }
            cursor = transition.getInstant();
        }
        return Optional.empty();
    }

    /** Whether a wall-clock time of the expression falls into the gap (e.g. 02:00-02:59:59 on that day). */
    private boolean swallows(ZoneOffsetTransition gap) {
        LocalDateTime from = gap.getDateTimeBefore();
        LocalDateTime to = gap.getDateTimeAfter();
        Date next = wallClock.getNextValidTimeAfter(Date.from(from.minusSeconds(1).toInstant(ZoneOffset.UTC)));
        return next != null && next.toInstant().isBefore(to.toInstant(ZoneOffset.UTC));
    }
}
