package dev.ferry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronWordsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 0 2 * * ?            | every day at 02:00",
            "0 30 6 ? * MON-FRI     | Monday to Friday at 06:30",
            "0 0 22 ? * SAT,SUN     | on Saturday and Sunday at 22:00",
            "0 0 3 ? * 1            | every Sunday at 03:00",
            "0 0 2,14 * * ?         | every day at 02:00 and 14:00",
            "0 15 1 1 * ?           | on day 1 of every month at 01:15",
            "0 0/15 * * * ?         | every 15 minutes",
            "0 5 * * * ?            | every hour at minute 5",
            "*/10 * * * * ?         | every 10 seconds",
            "* * * * * ?            | every second",
            "5 30 14 17 1 ? 2026    | on 17.1. at 14:30:05 in 2026",
            "0 0 2 L * ?            | cron 0 0 2 L * ?",
            "0 0 8-17 ? * MON-FRI   | cron 0 0 8-17 ? * MON-FRI"})
    void describesTheShapesPeopleScheduleAndShowsTheRestAsWritten(String cron, String words) {
        assertThat(CronWords.describe(cron)).isEqualTo(words);
    }
}
