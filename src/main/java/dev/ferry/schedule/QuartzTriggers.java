package dev.ferry.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * How a schedule looks in Quartz: one durable job per schedule (its id in group {@value #GROUP}), a cron trigger
 * named like it, a one-shot trigger for the next daylight-saving gap ({@link FireTimes}), and one-shot run-now
 * triggers. Only builds; {@link QuartzJobs} stores them.
 */
final class QuartzTriggers {

    static final String GROUP = "ferry-schedule";
    /** Job data of the daylight-saving and run-now triggers: the {@link Fire.Kind}; absent for the cron trigger. */
    static final String KIND = "kind";
    static final String REQUESTED_BY = "requestedBy";

    private QuartzTriggers() {
    }

    static JobKey jobKey(String id) {
        return JobKey.jobKey(id, GROUP);
    }

    static TriggerKey triggerKey(String id) {
        return TriggerKey.triggerKey(id, GROUP);
    }

    static TriggerKey gapKey(String id) {
        return TriggerKey.triggerKey(id + "-daylight-saving", GROUP);
    }

    static JobDetail job(Schedule schedule) {
        return JobBuilder.newJob(ScheduleJob.class)
                .withIdentity(jobKey(schedule.id()))
                .withDescription(schedule.procedureId() + " " + schedule.parameters())
                .usingJobData("scheduleId", schedule.id())
                .storeDurably()
                // An instance that stops mid-fire leaves the fire to another instance, or to its own next start.
                .requestRecovery()
                .build();
    }

    /** Fires at the cron times after {@code from}; a time missed while Ferry was down fires once, late. */
    static Trigger cronTrigger(Schedule schedule, Instant from) {
        return TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(schedule.id()))
                .forJob(jobKey(schedule.id()))
                .withDescription(schedule.cron() + " in " + schedule.zone())
                .startAt(Date.from(from))
                .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                        .inTimeZone(TimeZone.getTimeZone(schedule.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    /** Fires once at {@code gap}, the end of a daylight-saving gap that swallows a fire time. */
    static Trigger gapTrigger(Schedule schedule, Instant gap) {
        return TriggerBuilder.newTrigger().withIdentity(gapKey(schedule.id())).forJob(jobKey(schedule.id()))
                .withDescription("the fire time the daylight-saving gap of " + gap + " skips")
                .usingJobData(KIND, Fire.Kind.DST.name())
                .startAt(Date.from(gap))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
    }

    /** The job data of a run-now fire. */
    static JobDataMap runNow(String requestedBy) {
        JobDataMap data = new JobDataMap();
        data.put(KIND, Fire.Kind.MANUAL.name());
        data.put(REQUESTED_BY, requestedBy);
        return data;
    }
}
