package dev.ferry.schedule;

/**
 * Whether the schedules are busy in this instance: a scripted console session waits for the run-now it asked for
 * before it reads on, and before Ferry stops at the end of its input. Tests wait the same way.
 */
public class ScheduleActivity {

    private final QuartzJobs jobs;

    ScheduleActivity(QuartzJobs jobs) {
        this.jobs = jobs;
    }

    /** Waits until no fire is due or running in this instance. */
    public void awaitIdle() throws InterruptedException {
        while (jobs.busy()) {
            Thread.sleep(50);
        }
    }
}
