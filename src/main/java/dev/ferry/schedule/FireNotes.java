package dev.ferry.schedule;

import dev.ferry.run.NoteWords;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The notes a fire's history keeps: written once, when the fire ends, and stored with it in the database
 * (schedule_fire.note), so they cannot wait for a chat to word them. Their times and durations read as chat's do;
 * this is the schedule package's own copy of that wording, because the schedules never depend on the chat.
 */
final class FireNotes {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter AT_SECONDS =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH);

    private FireNotes() {
    }

    /** Why a fire that was running is marked cut off. */
    static String cutOff(Fire orphan, Schedule schedule) {
        return "the Ferry instance " + orphan.instance() + " that ran it stopped; its last sign of life was at "
                + at(orphan.updatedAt(), schedule.zone());
    }

    /** Why a fire was skipped. */
    static String stillRunning(Fire running, Schedule schedule) {
        return "fire " + running.id() + " (from " + at(running.firedAt(), schedule.zone()) + ") was still running";
    }

    static String timedOut(String stepId, Duration timeout, String hostName) {
        return "step '" + stepId + "' did not end within its timeout of " + NoteWords.duration(timeout)
                + " and was stopped; check " + hostName;
    }

    static String succeeded(int exitCode, Duration took) {
        return "exit code " + exitCode + " after " + NoteWords.duration(took);
    }

    private static String at(Instant time, ZoneId zone) {
        ZonedDateTime local = time.atZone(zone);
        return (local.getSecond() == 0 ? AT : AT_SECONDS).format(local);
    }
}
