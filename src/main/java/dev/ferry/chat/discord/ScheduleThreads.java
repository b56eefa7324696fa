package dev.ferry.chat.discord;

import dev.ferry.chat.FirePlaces;
import dev.ferry.chat.ScheduleNoticeView;
import dev.ferry.schedule.ScheduleNotice;
import dev.ferry.schedule.ScheduleNoticeListener;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the notices of schedules whose platform is Discord to the schedule's channel. A fire's first notice (it
 * started, or was late, recovering or skipped) is a message in the channel; its later ones (progress, the result)
 * go into a thread opened from that message when the second notice comes, so the channel shows one line per fire
 * and a fire's progress stays together. Notices arrive on the scheduler's threads; the Discord calls happen on the
 * post workers, one fire's in order. A call that fails is logged and costs only that message: the fire is recorded,
 * and {@code /migrate schedule list} shows its result. Nothing is ever thrown back into the scheduler.
 * <p>
 * Which message and thread belong to a fire is kept in memory only, for the last {@link #REMEMBERED} fires still
 * going. A fire runs within one Ferry process, so a restart loses no thread of a fire in progress: the fire cut
 * off comes back as a new fire (Recovering), which starts a message of its own. A fire forgotten anyway (more
 * than that many at once) or whose thread was deleted continues in a new channel message.
 */
final class ScheduleThreads implements ScheduleNoticeListener {

    static final int REMEMBERED = 500;
    private static final Logger log = LoggerFactory.getLogger(ScheduleThreads.class);

    private final DiscordPosts posts;
    private final PostQueues queues;
    /** The role a failed fire mentions; null: nobody. */
    private final String onCallRole;
    /** Per fire still going, where its notices go; the oldest are forgotten beyond {@link #REMEMBERED}. */
    private final FirePlaces<Place> fires = new FirePlaces<>(REMEMBERED);

    /** @param onCallRole the role whose members are called when a fire fails, or empty */
    ScheduleThreads(DiscordPosts posts, Executor workers, Optional<String> onCallRole) {
        this.posts = posts;
        this.queues = new PostQueues(workers);
        this.onCallRole = onCallRole.orElse(null);
    }

    @Override
    public void on(ScheduleNotice notice) {
        if (!RunThreads.PLATFORM.equals(notice.schedule().platform())) {
            return;
        }
        String key = String.valueOf(notice.fire().id());
        try {
            queues.enqueue(key, () -> attempt(notice));
            if (FirePlaces.ends(notice)) {
                queues.close(key);
            }
        } catch (RuntimeException e) {
            // The post workers are shut down (Ferry is stopping): the notice is lost, the fire is not.
            log.warn("Could not queue the {} notice of schedule {} for Discord: {}", what(notice),
                    notice.schedule().id(), e.toString());
        }
    }

    /** Completes when everything queued so far for the fire was tried; for tests. */
    CompletableFuture<Void> settled(long fireId) {
        return queues.settled(String.valueOf(fireId));
    }

    private void attempt(ScheduleNotice notice) {
        try {
            post(notice);
        } catch (RuntimeException e) {
            log.warn("Discord did not take the {} notice of schedule {} fire {} in channel {} ({}). The fire is"
                    + " recorded; /migrate schedule list shows its result.", what(notice), notice.schedule().id(),
                    notice.fire().id(), notice.schedule().channel(), e.toString());
        } finally {
            fires.forgetAfter(notice);
        }
    }

    private void post(ScheduleNotice notice) {
        ScheduleNoticeView view = new ScheduleNoticeView(notice);
        MessageCreateData message = ScheduleMessages.notice(view, onCallRole);
        long fireId = notice.fire().id();
        Place place = fires.find(fireId);
        if (place != null) {
            try {
                String thread = place.thread();
                if (thread == null) {
                    thread = posts.openThread(place.channel(), place.message(), ScheduleMessages.threadName(view));
                    fires.remember(fireId, new Place(place.channel(), place.message(), thread));
                }
                posts.post(place.channel(), thread, message);
                return;
            } catch (DiscordPosts.MessageGone e) {
                log.info("The message or thread of schedule {} fire {} is gone ({}); posting in the channel",
                        notice.schedule().id(), fireId, e.getMessage());
            }
        }
        String channel = notice.schedule().channel();
        fires.remember(fireId, new Place(channel, posts.post(channel, null, message), null));
    }

    private static String what(ScheduleNotice notice) {
        return notice.getClass().getSimpleName();
    }

    /** Where a fire's notices go: the channel message of its first notice, and the thread opened from it, if yet. */
    private record Place(String channel, String message, String thread) {
    }
}
