package dev.ferry.chat.thread;

import dev.ferry.schedule.ScheduleNotice;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each scheduled fire's notices go on a platform (a thread, a message), kept in memory for the newest fires
 * only: a fire runs within one process, and one cut off by a restart comes back as a new fire anyway.
 *
 * @param <P> the platform's place: a Slack thread ts, a Discord message and thread
 */
final class FirePlaces<P> {

    private final Map<Long, P> places;

    /** @param keep how many fires' places are kept at most; the oldest are forgotten beyond that */
    FirePlaces(int keep) {
        this.places = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, P> eldest) {
                return size() > keep;
            }
        };
    }

    /** The fire's place, or null when it has none yet (or was forgotten). */
    P find(long fireId) {
        synchronized (places) {
            return places.get(fireId);
        }
    }

    void remember(long fireId, P place) {
        synchronized (places) {
            places.put(fireId, place);
        }
    }

    /** Whether {@code notice} is its fire's last: succeeded, failed or skipped; nothing follows those. */
    static boolean ends(ScheduleNotice notice) {
        return notice instanceof ScheduleNotice.Succeeded || notice instanceof ScheduleNotice.Failed
                || notice instanceof ScheduleNotice.Skipped;
    }

    /** Forgets the fire when {@code notice} is its last one. */
    void forgetAfter(ScheduleNotice notice) {
        if (ends(notice)) {
            synchronized (places) {
                places.remove(notice.fire().id());
            }
        }
    }
}
