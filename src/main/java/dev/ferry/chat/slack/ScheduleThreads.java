package dev.ferry.chat.slack;

import dev.ferry.chat.FirePlaces;
import dev.ferry.chat.ScheduleNoticeView;
import dev.ferry.schedule.ScheduleNotice;
import dev.ferry.schedule.ScheduleNoticeListener;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Posts the notices of schedules whose platform is Slack to the schedule's channel: a fire's first notice (Started,
 * or Late, Recovering or Skipped when they come first) is a new channel message, and the fire's later notices are
 * replies in its thread; a long output of a finished fire goes to the thread as a file. Notices are posted off the
 * scheduler's thread, a fire's in order; a failed post is logged by {@link SlackApi} and costs only that message
 * (the fire is recorded, and {@code /migrate schedule list} shows its result).
 *
 * <p>Which thread a fire's notices go to is kept in memory only, for the newest {@code keep} fires: after a restart,
 * or for a fire forgotten since, the next notice starts a new channel message that its later notices reply to. A
 * fire cut off by a restart runs again as a new fire (Recovering), which starts its own message anyway.
 */
final class ScheduleThreads implements ScheduleNoticeListener {

    private final SlackApi api;
    private final ScheduleMessages messages;
    private final Lanes lanes;
    /** Fire id → ts of the fire's channel message, the newest {@code keep} fires. */
    private final FirePlaces<String> threads;

    /** @param keep how many fires' threads are kept at most */
    ScheduleThreads(SlackApi api, ScheduleMessages messages, Executor posting, int keep) {
        this.api = api;
        this.messages = messages;
        this.lanes = new Lanes(posting, "schedule fire", "/migrate schedule list shows the fire's result");
        this.threads = new FirePlaces<>(keep);
    }

    @Override
    public void on(ScheduleNotice notice) {
        if (SlackCommands.PLATFORM.equals(notice.schedule().platform())) {
            lanes.run(notice.schedule().id() + " fire " + notice.fire().id(), last -> show(notice));
        }
    }

    /** Waits (bounded) until the notices already received are posted; before Ferry stops. */
    void drain(Duration timeout) {
        lanes.drain(timeout);
    }

    private void show(ScheduleNotice notice) {
        ScheduleNoticeView view = new ScheduleNoticeView(notice);
        String channel = notice.schedule().channel();
        long fire = notice.fire().id();
        boolean outputInFile = ScheduleMessages.outputInFile(view);
        String thread = threads.find(fire);
        StepMessages.Message message = messages.notice(view, outputInFile);
        SlackApi.Result posted = api.post(channel, thread, message.text(), message.blocks());
        if (thread == null && posted.ok() && !posted.ts().isEmpty()) {
            thread = posted.ts();
            threads.remember(fire, thread);
        }
        if (outputInFile) {
            api.upload(channel, thread, view.outputFileName(), "Output of " + view.position(), view.fullOutput());
        }
        threads.forgetAfter(notice);
    }
}
