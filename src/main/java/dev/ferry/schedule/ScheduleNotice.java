package dev.ferry.schedule;

import java.time.Duration;
import java.util.List;

/**
 * What a schedule tells its channel, always after the fire record it describes was committed. A chat adapter
 * posts each notice of its {@link Schedule#platform()} to {@link Schedule#channel()}; Slack and Discord keep
 * a fire's notices in one thread (one fire: {@link Fire#id()}).
 */
public sealed interface ScheduleNotice {

    Schedule schedule();

    Fire fire();

    /**
     * Quartz fired the schedule after its time: Ferry was not running then (a misfire). It runs now, once.
     *
     * @param missed earlier fire times that also passed unrun; they are not run
     */
    record Late(Schedule schedule, Fire fire, Duration lateBy, int missed) implements ScheduleNotice {
    }

    /**
     * The fire runs again because the Ferry instance that ran it stopped (requestRecovery).
     *
     * @param cutOff the fire that was cut off
     */
    record Recovering(Schedule schedule, Fire fire, Fire cutOff) implements ScheduleNotice {
    }

    /** The fire started: these steps run in order on these hosts. */
    record Started(Schedule schedule, Fire fire, String procedureTitle, List<String> steps, List<String> hosts)
            implements ScheduleNotice {
    }

    /**
     * The fire was not started because the previous one was still running (never both at once).
     *
     * @param running the fire that was running at this one's time
     * @param skipped fire times skipped this way since the previous fire started, this one included
     */
    record Skipped(Schedule schedule, Fire fire, Fire running, int skipped) implements ScheduleNotice {
    }

    /** A long script is still running: posted every {@code ferry.schedules.progress-every}. */
    record Progress(Schedule schedule, Fire fire, String step, Duration elapsed, List<String> lastLines)
            implements ScheduleNotice {
    }

    /**
     * Every step succeeded.
     *
     * @param output the whole output, for platforms that attach it as a file
     */
    record Succeeded(Schedule schedule, Fire fire, Duration duration, int exitCode, List<String> lastLines,
                     String output) implements ScheduleNotice {
    }

    /**
     * A step failed, timed out or could not run; later steps did not run. Adapters mention the on-call role.
     *
     * @param step     the step that failed, or null when nothing ran (e.g. the procedure no longer fits)
     * @param exitCode the script's exit code, or null when it had none (timed out, could not start)
     * @param reason   one sentence: what went wrong and what to do
     */
    record Failed(Schedule schedule, Fire fire, String step, Duration duration, Integer exitCode, String reason,
                  List<String> lastLines, String output) implements ScheduleNotice {
    }
}
