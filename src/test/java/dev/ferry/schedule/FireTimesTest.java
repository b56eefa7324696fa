package dev.ferry.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quartz.TriggerUtils;
import org.quartz.spi.OperableTrigger;

/**
 * Daylight-saving changes neither skip nor double a daily run in the schedule's zone: checked on the fire times
 * (Quartz's CronExpression.getNextValidTimeAfter plus Ferry's gap fire), and on the trigger Ferry gives Quartz.
 */
class FireTimesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDailyRunInTheSpringGapRunsOnceAtTheGapsEnd() throws Exception {
        FireTimes times = new FireTimes("0 0 2 * * ?", BERLIN);

        List<ZonedDateTime> fires = times.next(local("2025-03-28T12:00", BERLIN), 4).stream()
                .map(t -> t.atZone(BERLIN)).toList();

        // 30 March 2025: clocks jump from 02:00 to 03:00; the run happens at 03:00 that day, once.
        assertThat(fires).extracting(ZonedDateTime::toLocalDateTime).containsExactly(
                LocalDateTime.parse("2025-03-29T02:00"), LocalDateTime.parse("2025-03-30T03:00"),
                LocalDateTime.parse("2025-03-31T02:00"), LocalDateTime.parse("2025-04-01T02:00"));
    }

    @Test
    void quartzAloneSkipsThatDayWhichIsWhyFerryAddsAOneShotTrigger() {
        Schedule schedule = schedule("0 0 2 * * ?", BERLIN);
        OperableTrigger cron = (OperableTrigger) QuartzTriggers.cronTrigger(schedule, local("2025-03-01T00:00", BERLIN));

        List<Date> quartz = TriggerUtils.computeFireTimesBetween(cron, null,
                Date.from(local("2025-03-29T00:00", BERLIN)), Date.from(local("2025-04-01T00:00", BERLIN)));

        assertThat(quartz).extracting(d -> d.toInstant().atZone(BERLIN).toLocalDate())
                .containsExactly(LocalDate.parse("2025-03-29"), LocalDate.parse("2025-03-31"));
        assertThat(FireTimes.of(schedule).gapAfter(local("2025-03-01T00:00", BERLIN)))
                .contains(Instant.parse("2025-03-30T01:00:00Z"));
    }

    @Test
    void everyDayOfAYearHasExactlyOneRunInBerlinAndNewYork() throws Exception {
        for (ZoneId zone : List.of(BERLIN, ZoneId.of("America/New_York"))) {
            for (String cron : List.of("0 0 2 * * ?", "0 30 2 * * ?", "0 0 1 * * ?", "0 0 3 * * ?")) {
                FireTimes times = new FireTimes(cron, zone);
                Instant from = local("2025-01-01T00:00", zone);
                Instant to = local("2026-01-01T00:00", zone);

                Map<LocalDate, Long> perDay = new TreeMap<>(times.next(from.minusSeconds(1), 400).stream()
                        .filter(t -> t.isBefore(to)).map(t -> t.atZone(zone).toLocalDate())
                        .collect(Collectors.groupingBy(d -> d, Collectors.counting())));

                assertThat(perDay).as("%s in %s", cron, zone).hasSize(365);
                assertThat(perDay.values()).as("%s in %s", cron, zone).containsOnly(1L);
            }
        }
    }

    @Test
    void theAutumnChangeRunsADailyTimeOnceThoughTheHourHappensTwice() throws Exception {
        FireTimes times = new FireTimes("0 30 2 * * ?", BERLIN);

        List<Instant> fires = times.next(local("2025-10-25T12:00", BERLIN), 2);

        assertThat(fires).containsExactly(Instant.parse("2025-10-26T01:30:00Z"), Instant.parse("2025-10-27T01:30:00Z"));
    }

    @Test
    void aWeeklyRunOnTheSundayOfTheChangeIsKeptAndOtherTimesNeedNoGapFire() throws Exception {
        assertThat(new FireTimes("0 0 2 ? * SUN", BERLIN).next(local("2025-03-24T00:00", BERLIN), 2))
                .containsExactly(Instant.parse("2025-03-30T01:00:00Z"), Instant.parse("2025-04-06T00:00:00Z"));
        assertThat(new FireTimes("0 0 4 * * ?", BERLIN).gapAfter(local("2025-01-01T00:00", BERLIN))).isEmpty();
        assertThat(new FireTimes("0 0 2 * * ?", ZoneId.of("UTC")).gapAfter(local("2025-01-01T00:00", BERLIN))).isEmpty();
        // A cron that also fires at the gap's end needs no extra fire: 02:00 and 03:00 collapse into 03:00.
        assertThat(new FireTimes("0 0 2,3 * * ?", BERLIN).gapAfter(local("2025-03-01T00:00", BERLIN))).isEmpty();
    }

    static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    static Schedule schedule(String cron, ZoneId zone) {
        Instant created = Instant.parse("2025-01-01T00:00:00Z");
        return new Schedule("S1", "test-scheduled", Map.of("server", "spe-ih-01"), cron, zone, "console", "console",
                "alice", Schedule.Origin.CHAT, created, created);
    }
}
