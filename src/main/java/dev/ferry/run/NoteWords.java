package dev.ferry.run;

import java.time.Duration;

/**
 * Durations in the notes Ferry stores with a step or a scheduled fire ("exit code 0 after 42 s"): the note is
 * written once, when the step or fire ends, and shown as it was written. Chat words its own durations with
 * {@code chat.TimeWords}, which reads the same.
 */
public final class NoteWords {

    private NoteWords() {
    }

    /** "850 ms", "42 s", "12 min", "3 h 5 min". */
    public static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 1) {
            return duration.toMillis() + " ms";
        }
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return (seconds / 60) + " min";
        }
        return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }
}
