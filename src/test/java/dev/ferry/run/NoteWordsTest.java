package dev.ferry.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations in stored notes (and, through chat's TimeWords, in messages) at the edges where the unit changes. */
class NoteWordsTest {

    @Test
    void aDurationIsWordedInTheUnitThatFitsIt() {
        assertThat(NoteWords.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(NoteWords.duration(Duration.ofSeconds(119))).isEqualTo("119 s");
        assertThat(NoteWords.duration(Duration.ofMinutes(2))).isEqualTo("2 min");
        assertThat(NoteWords.duration(Duration.ofMinutes(185))).isEqualTo("3 h 5 min");
    }
}
