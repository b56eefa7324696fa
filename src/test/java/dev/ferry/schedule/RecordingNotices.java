package dev.ferry.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Keeps every schedule notice, in order, and waits for one (bounded in time). */
final class RecordingNotices implements ScheduleNoticeListener {

    private final List<ScheduleNotice> notices = new CopyOnWriteArrayList<>();

    @Override
    public void on(ScheduleNotice notice) {
        synchronized (this) {
            notices.add(notice);
            notifyAll();
        }
    }

    List<ScheduleNotice> of(String scheduleId) {
        return notices.stream().filter(n -> n.schedule().id().equals(scheduleId)).toList();
    }

    <T extends ScheduleNotice> List<T> of(String scheduleId, Class<T> type) {
        return of(scheduleId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until a notice of the schedule matches, at most {@code timeout}. */
    <T extends ScheduleNotice> T await(String scheduleId, Class<T> type, Predicate<T> condition, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (this) {
            while (true) {
                for (T notice : of(scheduleId, type)) {
                    if (condition.test(notice)) {
                        return notice;
                    }
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " notice of " + scheduleId + " within "
                            + timeout + "; got " + of(scheduleId));
                }
                wait(left);
            }
        }
    }

    <T extends ScheduleNotice> T await(String scheduleId, Class<T> type) throws InterruptedException {
        return await(scheduleId, type, n -> true, Duration.ofSeconds(15));
    }
}
