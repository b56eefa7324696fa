package dev.ferry.chat.thread;

import dev.ferry.chat.Reply;
import dev.ferry.chat.ScheduleNoticeView;
import dev.ferry.chat.thread.ThreadPort.Where;
import dev.ferry.schedule.ScheduleNotice;
import dev.ferry.schedule.ScheduleNoticeListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the notices of one platform's schedules to the schedule's channel, the same way on every platform: a fire's
 * first notice (it started, or was late, recovering or skipped) is a channel message, and its later ones go to a
 * thread under that message, so the channel shows one line per fire. A finished fire's output longer than a message
 * goes to the thread as a file. Notices arrive on the scheduler's threads; the platform's calls happen on
 * {@code posting}, one fire's in order. A call that fails is logged and costs only that message: the fire is
 * recorded, and {@code /migrate schedule list} shows its result. Nothing is ever thrown back into the scheduler.
 *
 * <p>Which message and thread belong to a fire is kept in memory only, for the newest {@code keep} fires: a fire runs
 * within one Ferry process, and one cut off by a restart comes back as a new fire (Recovering) with a message of its
 * own. A fire forgotten anyway, or whose message was deleted, continues in a new channel message.
 */
public final class ScheduleThreads implements ScheduleNoticeListener {

    private static final Logger log = LoggerFactory.getLogger(ScheduleThreads.class);

    private final ThreadPort port;
    private final Lanes lanes;
    private final FirePlaces<Place> fires;

    /** @param keep how many fires' places are kept at most */
    public ScheduleThreads(ThreadPort port, Executor posting, int keep) {
        this.port = port;
        this.lanes = new Lanes(posting, port.platform(), "/migrate schedule list shows the fire's result");
        this.fires = new FirePlaces<>(keep);
    }

    @Override
    public void on(ScheduleNotice notice) {
        if (port.platform().equals(notice.schedule().platform())) {
            lanes.run(lane(notice.fire().id()), last -> show(notice));
        }
    }

    /** Completes when everything queued so far for the fire was tried; for tests. */
    public CompletableFuture<Void> settled(long fireId) {
        return lanes.settled(lane(fireId));
    }

    /** Waits (bounded) until the notices already received are posted; before Ferry stops. */
    public void drain(Duration timeout) {
        lanes.drain(timeout);
    }

    private void show(ScheduleNotice notice) {
        try {
            post(notice);
        } finally {
            fires.forgetAfter(notice);
        }
    }

    private void post(ScheduleNotice notice) {
        ScheduleNoticeView view = new ScheduleNoticeView(notice);
        String output = view.fullOutput();
        boolean inFile = output != null && !port.fits(ThreadPort.Content.OUTPUT, output);
        Shown.Notice shown = new Shown.Notice(view, inFile);
        long fireId = notice.fire().id();
        Place place = fires.find(fireId);
        if (place != null) {
            try {
                place = threaded(fireId, place, view);
                port.post(new Where(place.channel(), place.thread()), shown);
                upload(place, view, inFile);
                return;
            } catch (ThreadPort.Gone e) {
                log.info("The message or thread of schedule {} fire {} is gone ({}); posting in the channel",
                        notice.schedule().id(), fireId, e.getMessage());
            }
        }
        String channel = notice.schedule().channel();
        place = new Place(channel, port.post(new Where(channel, null), shown), null);
        fires.remember(fireId, place);
        if (inFile) {
            upload(threaded(fireId, place, view), view, true);
        }
    }

    /** The fire's place with its thread, opened now if it has none yet. */
    private Place threaded(long fireId, Place place, ScheduleNoticeView view) {
        if (place.thread() != null) {
            return place;
        }
        Place opened = new Place(place.channel(), place.message(),
                port.openThread(place.channel(), place.message(), view.position()));
        fires.remember(fireId, opened);
        return opened;
    }

    private void upload(Place place, ScheduleNoticeView view, boolean inFile) {
        if (inFile) {
            port.upload(new Where(place.channel(), place.thread()), new Reply.Attachment(view.outputFileName(),
                    "text/plain", view.fullOutput()), "Output of " + view.position());
        }
    }

    private static String lane(long fireId) {
        return "fire " + fireId;
    }

    /** Where a fire's notices go: the channel message of its first notice, and the thread under it, if yet. */
    private record Place(String channel, String message, String thread) {
    }
}
