package dev.ferry.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a fire stands for, decided when Quartz fires it. Quartz fires a blocked trigger (its previous fire
 * still ran: {@code @DisallowConcurrentExecution}) once the previous fire ends, and a misfired trigger (Ferry
 * was down) once on start-up; in both cases it no longer says which time was missed. This works it out from
 * the fire history: the fire times between the last scheduled fire and this one are the ones it stands for.
 * If the newest of them fell while the previous fire ran, the fire is skipped (and said so); otherwise it runs,
 * late if Quartz fired it after its time.
 *
 * @param run                 false: skip, because the previous fire was running at {@code due}
 * @param due                 the fire time this fire stands for
 * @param late                how long after {@code due} it started; zero when on time
 * @param skippedWhileRunning fire times that fell while the previous fire ran (this one included if skipped)
 * @param missed              earlier fire times that passed while nothing ran them (Ferry was down)
 */
record FireTiming(boolean run, Instant due, Duration late, int skippedWhileRunning, int missed) {

    /** Fire times counted at most, so that a schedule every second that missed a month stays cheap. */
    private static final int COUNT_LIMIT = 100_000;

    /**
     * @param scheduled     the time Quartz says the fire was scheduled for
     * @param lastScheduled the newest cron or DST fire of the schedule, of any result
     * @param lastExecuted  the newest fire that ran (any kind)
     * @param countingFrom  fire times before this are not counted (the schedule's creation or resume)
     */
    static FireTiming decide(Fire.Kind kind, Instant scheduled, Instant now, Optional<Fire> lastScheduled,
                             Optional<Fire> lastExecuted, FireTimes times, Instant countingFrom) {
        if (kind == Fire.Kind.MANUAL || kind == Fire.Kind.RECOVERY) {
            return new FireTiming(true, scheduled, Duration.ZERO, 0, 0);
        }
        Instant from = lastScheduled.map(Fire::due).filter(d -> d.isAfter(countingFrom)).orElse(countingFrom);
        Instant due = null;
        int count = 0;
        int overlapped = 0;
        Optional<Instant> next = times.nextAfter(from);
        while (next.isPresent() && !next.get().isAfter(scheduled) && count < COUNT_LIMIT) {
            due = next.get();
            count++;
            if (lastExecuted.isPresent() && lastExecuted.get().covers(due)) {
                overlapped++;
            }
            next = times.nextAfter(due);
        }
        if (due == null) {
            // Quartz fired at a time the history already accounts for, or one Ferry cannot place: run it on time.
            return new FireTiming(true, scheduled, Duration.ZERO, 0, 0);
        }
        if (lastExecuted.isPresent() && lastExecuted.get().covers(due)) {
            return new FireTiming(false, due, Duration.ZERO, overlapped, count - overlapped);
        }
        Duration late = due.equals(scheduled) ? Duration.ZERO : Duration.between(due, now);
        return new FireTiming(true, due, late.isNegative() ? Duration.ZERO : late, overlapped, count - 1 - overlapped);
    }

    boolean isLate() {
        return !late.isZero();
    }
}
