package dev.ferry.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Quartz's periodic look for runs that wait for a person; in a cluster it runs on one instance at a time. */
@DisallowConcurrentExecution
class ReminderJob implements Job {

    private final Reminders reminders;

    ReminderJob(Reminders reminders) {
        this.reminders = reminders;
    }

    @Override
    public void execute(JobExecutionContext context) {
        reminders.check();
    }
}
