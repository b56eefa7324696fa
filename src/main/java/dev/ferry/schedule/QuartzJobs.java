package dev.ferry.schedule;

import static dev.ferry.schedule.QuartzTriggers.gapKey;
import static dev.ferry.schedule.QuartzTriggers.jobKey;
import static dev.ferry.schedule.QuartzTriggers.triggerKey;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The schedules' jobs and triggers in Quartz's job store ({@link QuartzTriggers} builds them). Callers hold the
 * transaction where a schedule's row and its triggers change together; Quartz's Spring-managed job store joins it.
 */
class QuartzJobs {

    private final Scheduler scheduler;
    private final TransactionTemplate tx;
    private final Clock clock;

    QuartzJobs(Scheduler scheduler, TransactionTemplate tx, Clock clock) {
        this.scheduler = scheduler;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Stores the schedule's Quartz job and cron trigger. With {@code replace}, an existing cron trigger is replaced
     * by one that starts now (keeping a pause); otherwise existing Quartz objects are left as they are.
     */
    void store(Schedule schedule, boolean replace) {
        Instant now = clock.instant();
        boolean firesAgain = FireTimes.of(schedule).cronAfter(now).isPresent();
        quartz(() -> {
            JobKey job = jobKey(schedule.id());
            if (!scheduler.checkExists(job)) {
                scheduler.addJob(QuartzTriggers.job(schedule), false);
                if (firesAgain) {
                    scheduler.scheduleJob(QuartzTriggers.cronTrigger(schedule, now));
                }
            } else if (firesAgain && (replace || !scheduler.checkExists(triggerKey(schedule.id())))) {
                boolean wasPaused = paused(schedule.id());
                scheduler.addJob(QuartzTriggers.job(schedule), true);
                if (scheduler.checkExists(triggerKey(schedule.id()))) {
                    scheduler.rescheduleJob(triggerKey(schedule.id()), QuartzTriggers.cronTrigger(schedule, now));
                } else {
                    scheduler.scheduleJob(QuartzTriggers.cronTrigger(schedule, now));
                }
                if (wasPaused) {
                    scheduler.pauseJob(job);
                }
            }
        });
        armDaylightSavingGap(schedule, now);
    }

    /**
     * Makes sure the one-shot trigger for the next daylight-saving gap that would swallow a fire time exists
     * ({@link FireTimes}). Called when a schedule is stored, resumed, and after each of its fires.
     */
    void armDaylightSavingGap(Schedule schedule, Instant now) {
        Optional<Instant> gap = FireTimes.of(schedule).gapAfter(now);
        TriggerKey key = gapKey(schedule.id());
        quartz(() -> {
            Trigger existing = scheduler.getTrigger(key);
            if (gap.isEmpty()) {
                if (existing != null) {
                    scheduler.unscheduleJob(key);
                }
                return;
            }
            if (existing != null && existing.getStartTime().toInstant().equals(gap.get())) {
                return;
            }
            Trigger trigger = QuartzTriggers.gapTrigger(schedule, gap.get());
            boolean wasPaused = paused(schedule.id());
            if (existing != null) {
                scheduler.rescheduleJob(key, trigger);
            } else {
                scheduler.scheduleJob(trigger);
            }
            if (wasPaused) {
                scheduler.pauseTrigger(key);
            }
        });
    }

    void pause(String id) {
        quartz(() -> scheduler.pauseJob(jobKey(id)));
    }

    /** Resumes a paused schedule with a cron trigger that starts {@code from}: what passed meanwhile does not fire. */
    void resumeFrom(Schedule schedule, Instant from) {
        quartz(() -> scheduler.rescheduleJob(triggerKey(schedule.id()), QuartzTriggers.cronTrigger(schedule, from)));
        armDaylightSavingGap(schedule.withCountingFrom(from), from);
    }

    void fireNow(String id, String requestedBy) {
        quartz(() -> scheduler.triggerJob(jobKey(id), QuartzTriggers.runNow(requestedBy)));
    }

    boolean paused(String id) {
        return quartzValue(() -> scheduler.getTriggerState(triggerKey(id)) == Trigger.TriggerState.PAUSED);
    }

    /**
     * Deletes the schedule's job and its triggers. Quartz refuses to delete a job when one of its triggers vanishes
     * meanwhile (a run-now trigger that just completed); a second look no longer sees that trigger.
     */
    void delete(String id) {
        for (int attempt = 1; ; attempt++) {
            try {
                scheduler.deleteJob(jobKey(id));
                return;
            } catch (SchedulerException e) {
                if (attempt == 3) {
                    throw new IllegalStateException("Quartz's job store failed: " + e.getMessage(), e);
                }
            }
        }
    }

    /** The schedule ids Quartz has a job for. */
    List<String> jobIds() {
        return quartzValue(() -> scheduler.getJobKeys(GroupMatcher.jobGroupEquals(QuartzTriggers.GROUP))).stream()
                .map(JobKey::getName).toList();
    }

    /**
     * Quartz wakes its scheduler thread when a trigger is stored; inside a transaction that is before the trigger
     * is committed, so the thread finds nothing and sleeps its idle time (org.quartz.scheduler.idleWaitTime).
     * Waking it once more after the commit makes a trigger due at once (run-now) fire at once. Resuming an empty
     * trigger group changes nothing but wakes it.
     */
    void wake() {
        tx.execute(status -> quartz(() -> scheduler.resumeTriggers(GroupMatcher.triggerGroupEquals("ferry-wake"))));
    }

    /** Whether a fire of a schedule runs in this instance, or one is due within a second. */
    boolean busy() {
        try {
            if (!scheduler.isStarted() || scheduler.isShutdown()) {
                return false;
            }
            if (scheduler.getCurrentlyExecutingJobs().stream()
                    .anyMatch(job -> job.getJobDetail().getJobClass() == ScheduleJob.class)) {
                return true;
            }
            Date soon = Date.from(clock.instant().plusSeconds(1));
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.anyTriggerGroup())) {
                Trigger trigger = scheduler.getTrigger(key);
                if (trigger != null && trigger.getJobKey().getGroup().equals(QuartzTriggers.GROUP)
                        && trigger.getNextFireTime() != null && trigger.getNextFireTime().before(soon)) {
                    return true;
                }
            }
            return false;
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** A Quartz call whose checked exception means the job store failed: Ferry cannot go on with the command. */
    @FunctionalInterface
    interface QuartzCall {
        void run() throws SchedulerException;
    }

    @FunctionalInterface
    interface QuartzQuery<T> {
        T get() throws SchedulerException;
    }

    static Void quartz(QuartzCall call) {
        try {
            call.run();
            return null;
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz's job store failed: " + e.getMessage(), e);
        }
    }

    static <T> T quartzValue(QuartzQuery<T> query) {
        try {
            return query.get();
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz's job store failed: " + e.getMessage(), e);
        }
    }
}
