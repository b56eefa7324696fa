package dev.ferry.schedule;

import dev.ferry.access.Actor;
import java.time.Instant;

/**
 * What a schedule command did ({@link Done}) or why it did nothing ({@link Refused}), with the facts to say so:
 * the chat words it, times and all.
 */
public sealed interface ScheduleChange permits ScheduleChange.Done, ScheduleChange.Refused {

    /** Whether the command did what was asked; false: it was refused and nothing changed. */
    default boolean accepted() {
        return this instanceof Done;
    }

    sealed interface Done extends ScheduleChange permits Paused, Resumed, Removed, RunsNow {
    }

    sealed interface Refused extends ScheduleChange
            permits NoId, NoSuchSchedule, AlreadyPaused, NotPaused, NeverFiresAgain, Declared, AlreadyRunning {
    }

    record Paused(String id, Actor by) implements Done {
    }

    /** @param next the first fire time after the resume */
    record Resumed(Schedule schedule, Actor by, Instant next) implements Done {
    }

    record Removed(String id, Actor by) implements Done {
    }

    /** A run-now fire is on its way; the schedule's channel gets the result. */
    record RunsNow(Schedule schedule, Actor by) implements Done {
    }

    /** The command named no schedule. */
    record NoId() implements Refused {
    }

    record NoSuchSchedule(String id) implements Refused {
    }

    record AlreadyPaused(String id) implements Refused {
    }

    record NotPaused(String id) implements Refused {
    }

    /** Resume refused: the cron expression has no fire time after now. */
    record NeverFiresAgain(Schedule schedule) implements Refused {
    }

    /** Remove refused: the schedule comes from ferry.schedules.declared and would come back at the next start. */
    record Declared(String id) implements Refused {
    }

    /** Run-now refused: a fire of the schedule runs (two never run at once). */
    record AlreadyRunning(Schedule schedule, Fire running) implements Refused {
    }
}
