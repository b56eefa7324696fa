package dev.ferry.schedule;

/**
 * A chat adapter's side of the schedules: it posts each notice of its own platform to the schedule's channel.
 * A listener that fails costs only the message: the fire is recorded, and {@code schedule list} shows its result.
 */
@FunctionalInterface
public interface ScheduleNoticeListener {

    void on(ScheduleNotice notice);
}
