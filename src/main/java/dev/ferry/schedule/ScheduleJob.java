package dev.ferry.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job of every schedule. Spring Boot's job factory creates it with its constructor arguments and sets
 * the ids from the job data; it only hands the fire to {@link ScheduleRunner}. Two fires of one schedule never
 * run at once, anywhere in the cluster.
 */
@DisallowConcurrentExecution
class ScheduleJob implements Job {

    private final ScheduleRunner runner;
    private String scheduleId;
    private String kind;
    private String requestedBy;

    ScheduleJob(ScheduleRunner runner) {
        this.runner = runner;
    }

    public void setScheduleId(String scheduleId) {
        this.scheduleId = scheduleId;
    }

    /** Set by the daylight-saving and run-now triggers; absent for the cron trigger. */
    public void setKind(String kind) {
        this.kind = kind;
    }

    public void setRequestedBy(String requestedBy) {
        this.requestedBy = requestedBy;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        Fire.Kind fired = context.isRecovering() ? Fire.Kind.RECOVERY
                : kind == null ? Fire.Kind.CRON : Fire.Kind.valueOf(kind);
        try {
            runner.fire(new FireRequest(scheduleId, fired, context.getScheduledFireTime().toInstant(),
                    context.getFireTime().toInstant(), requestedBy, context.getScheduler().getSchedulerInstanceId()));
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
    }
}
