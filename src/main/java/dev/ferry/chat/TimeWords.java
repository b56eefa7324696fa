package dev.ferry.chat;

import dev.ferry.run.NoteWords;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times and durations as chat shows them, on every platform; the engine and the schedules hand out instants. */
public final class TimeWords {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter AT_SECONDS =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH);

    private TimeWords() {
    }

    /** "Tue 2025-01-14 02:00 CET" (seconds only when not zero): a time as people in {@code zone} read it. */
    public static String at(Instant time, ZoneId zone) {
        ZonedDateTime local = time.atZone(zone);
        return (local.getSecond() == 0 ? AT : AT_SECONDS).format(local);
    }

    /** "02:00" or "02:00:05": the time of day in {@code zone}, for a time of today people just saw. */
    public static String timeOfDay(Instant time, ZoneId zone) {
        LocalTime local = time.atZone(zone).toLocalTime().withNano(0);
        return local.toString();
    }

    /**
     * "850 ms", "42 s", "12 min", "3 h 5 min": a duration as chat shows it, worded as the notes Ferry stores
     * with steps and fires are ({@link NoteWords}), so a message and the note it quotes read alike.
     */
    public static String duration(Duration duration) {
        return NoteWords.duration(duration);
    }
}
