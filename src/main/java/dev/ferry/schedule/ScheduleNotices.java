package dev.ferry.schedule;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands schedule notices to the chat adapters that subscribed. */
public final class ScheduleNotices {

    private static final Logger log = LoggerFactory.getLogger(ScheduleNotices.class);

    private final List<ScheduleNoticeListener> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(ScheduleNoticeListener listener) {
        listeners.add(listener);
    }

    public void unsubscribe(ScheduleNoticeListener listener) {
        listeners.remove(listener);
    }

    void publish(ScheduleNotice notice) {
        for (ScheduleNoticeListener listener : listeners) {
            try {
                listener.on(notice);
            } catch (RuntimeException e) {
                log.warn("A chat adapter could not post a notice of schedule {}: {}", notice.schedule().id(),
                        e.toString());
            }
        }
    }
}
