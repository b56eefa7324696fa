package dev.ferry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeWordsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aTimeReadsAsInItsZoneWithSecondsOnlyWhenThereAreAny() {
        assertThat(TimeWords.at(Instant.parse("2026-12-03T01:00:00Z"), BERLIN)).isEqualTo("Thu 2026-12-03 02:00 CET");
        assertThat(TimeWords.at(Instant.parse("2026-07-03T00:00:05.400Z"), BERLIN))
                .isEqualTo("Fri 2026-07-03 02:00:05 CEST");
        assertThat(TimeWords.at(Instant.parse("2026-12-03T01:00:00Z"), ZoneId.of("UTC"))).isEqualTo("Thu 2026-12-03 01:00 UTC");
    }

    @Test
    void theTimeOfDayDropsSecondsWhenZeroAndNeverShowsFractions() {
        assertThat(TimeWords.timeOfDay(Instant.parse("2026-12-03T01:00:00Z"), BERLIN)).isEqualTo("02:00");
        assertThat(TimeWords.timeOfDay(Instant.parse("2026-12-03T01:00:05.750Z"), BERLIN)).isEqualTo("02:00:05");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PT0.85S    | 850 ms",
            "PT1S       | 1 s",
            "PT119.9S   | 119 s",
            "PT2M       | 2 min",
            "PT1H59M59S | 119 min",
            "PT2H       | 2 h 0 min",
            "PT3H10M30S | 3 h 10 min",
            "PT49H5M    | 49 h 5 min"})
    void aDurationReadsInTheLargestUnitThatKeepsItExactEnough(String duration, String words) {
        assertThat(TimeWords.duration(Duration.parse(duration))).isEqualTo(words);
    }
}
