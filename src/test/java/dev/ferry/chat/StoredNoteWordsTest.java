package dev.ferry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.run.NoteWords;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A stored note ("exit code 0 after 42 s", written by the engine or a fire) and a chat message word a duration
 * alike, though they are written on either side of the line chat may not cross (NoteWords in run, TimeWords
 * in chat): this keeps the two from drifting apart.
 */
class StoredNoteWordsTest {

    @Test
    void storedNotesAndChatWordEveryDurationAlike() {
        for (long millis : new long[] {0, 1, 999, 1_000, 59_999, 119_999, 120_000, 7_199_999, 7_200_000, 86_399_000}) {
            Duration duration = Duration.ofMillis(millis);
            assertThat(NoteWords.duration(duration)).as("%d ms", millis).isEqualTo(TimeWords.duration(duration));
        }
        assertThat(NoteWords.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(NoteWords.duration(Duration.ofSeconds(119))).isEqualTo("119 s");
        assertThat(NoteWords.duration(Duration.ofMinutes(2))).isEqualTo("2 min");
        assertThat(NoteWords.duration(Duration.ofMinutes(185))).isEqualTo("3 h 5 min");
    }
}
