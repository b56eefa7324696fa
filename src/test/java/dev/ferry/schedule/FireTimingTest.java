package dev.ferry.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a fire stands for, on a controlled clock: on time, late after Ferry was down (a misfire), skipped while the
 * previous fire still ran (a blocked trigger that Quartz fires once the job ends).
 */
class FireTimingTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    private final FireTimes daily = FireTimes.of(FireTimesTest.schedule("0 0 2 * * ?", UTC));
    private final FireTimes everyMinute = FireTimes.of(FireTimesTest.schedule("0 * * * * ?", UTC));

    @Test
    void aFireAtItsTimeRunsOnTime() {
        Fire yesterday = ran("2025-01-09T02:00:00Z", "2025-01-09T02:05:00Z");

        FireTiming timing = FireTiming.decide(Fire.Kind.CRON, at("2025-01-10T02:00:00Z"), at("2025-01-10T02:00:00.040Z"),
                Optional.of(yesterday), Optional.of(yesterday), daily, CREATED);

        assertThat(timing.run()).isTrue();
        assertThat(timing.due()).isEqualTo(at("2025-01-10T02:00:00Z"));
        assertThat(timing.isLate()).isFalse();
        assertThat(timing.missed()).isZero();
    }

    @Test
    void aMisfireAfterFerryWasDownRunsOnceLateAndCountsWhatElseWasMissed() {
        Fire lastRun = ran("2025-01-07T02:00:00Z", "2025-01-07T02:05:00Z");
        // Ferry was down from the 7th to the 10th 07:13; on start-up Quartz fires the misfired trigger "now".
        Instant startUp = at("2025-01-10T07:13:20Z");

        FireTiming timing = FireTiming.decide(Fire.Kind.CRON, startUp, startUp.plusMillis(30), Optional.of(lastRun),
                Optional.of(lastRun), daily, CREATED);

        assertThat(timing.run()).isTrue();
        assertThat(timing.due()).isEqualTo(at("2025-01-10T02:00:00Z"));
        assertThat(timing.late()).isEqualTo(Duration.parse("PT5H13M20.030S"));
        assertThat(timing.missed()).isEqualTo(2);
        assertThat(timing.skippedWhileRunning()).isZero();
    }

    @Test
    void aFireDueWhileThePreviousStillRanIsSkipped() {
        // Yesterday's run took 24 h 30 min; Quartz held today's trigger back and fires it when the job ends.
        Fire longRun = ran("2025-01-09T02:00:00Z", "2025-01-10T02:30:00Z");
        Instant released = at("2025-01-10T02:31:00Z");

        FireTiming timing = FireTiming.decide(Fire.Kind.CRON, released, released, Optional.of(longRun),
                Optional.of(longRun), daily, CREATED);

        assertThat(timing.run()).isFalse();
        assertThat(timing.due()).isEqualTo(at("2025-01-10T02:00:00Z"));
        assertThat(timing.skippedWhileRunning()).isEqualTo(1);
    }

    @Test
    void withinTheMisfireThresholdQuartzFiresTheHeldTimeItselfAndThatIsSkippedTooThenTheNextRuns() {
        Fire run = ran("2025-01-10T10:00:00Z", "2025-01-10T10:01:10Z");

        FireTiming held = FireTiming.decide(Fire.Kind.CRON, at("2025-01-10T10:01:00Z"), at("2025-01-10T10:01:10Z"),
                Optional.of(run), Optional.of(run), everyMinute, CREATED);
        assertThat(held.run()).isFalse();
        assertThat(held.due()).isEqualTo(at("2025-01-10T10:01:00Z"));

        Fire skipped = new Fire(2, "S1", Fire.Kind.CRON, Fire.Result.SKIPPED, held.due(), at("2025-01-10T10:01:10Z"),
                null, at("2025-01-10T10:01:10Z"), at("2025-01-10T10:01:10Z"), null, null, "a", null, null);
        FireTiming next = FireTiming.decide(Fire.Kind.CRON, at("2025-01-10T10:02:00Z"), at("2025-01-10T10:02:00Z"),
                Optional.of(skipped), Optional.of(run), everyMinute, CREATED);
        assertThat(next.run()).isTrue();
        assertThat(next.isLate()).isFalse();
        assertThat(next.missed()).isZero();
    }

    @Test
    void aFireCutOffByAStoppedInstanceCoversTimeUpToItsLastSignOfLife() {
        Fire cutOff = new Fire(1, "S1", Fire.Kind.CRON, Fire.Result.CUT_OFF, at("2025-01-10T10:00:00Z"),
                at("2025-01-10T10:00:00Z"), at("2025-01-10T10:00:00Z"), at("2025-01-10T10:03:30Z"),
                at("2025-01-10T10:03:30Z"), null, null, "a", null, null);

        FireTiming timing = FireTiming.decide(Fire.Kind.CRON, at("2025-01-10T10:06:02Z"), at("2025-01-10T10:06:02Z"),
                Optional.of(cutOff), Optional.of(cutOff), everyMinute, CREATED);

        assertThat(timing.run()).isTrue();
        assertThat(timing.due()).isEqualTo(at("2025-01-10T10:06:00Z"));
        assertThat(timing.skippedWhileRunning()).isEqualTo(3);
        assertThat(timing.missed()).isEqualTo(2);
    }

    @Test
    void timesWhileASchedulePausedAreNotMissedAndRunNowIsNeverLate() {
        Fire beforePause = ran("2025-01-01T02:00:00Z", "2025-01-01T02:05:00Z");
        Instant resumed = at("2025-01-09T12:00:00Z");

        FireTiming timing = FireTiming.decide(Fire.Kind.CRON, at("2025-01-10T02:00:00Z"), at("2025-01-10T02:00:00Z"),
                Optional.of(beforePause), Optional.of(beforePause), daily, resumed);
        assertThat(timing.run()).isTrue();
        assertThat(timing.missed()).isZero();

        FireTiming manual = FireTiming.decide(Fire.Kind.MANUAL, at("2025-01-10T09:17:03Z"), at("2025-01-10T09:17:04Z"),
                Optional.of(beforePause), Optional.of(beforePause), daily, CREATED);
        assertThat(manual.run()).isTrue();
        assertThat(manual.isLate()).isFalse();
    }

    private static Fire ran(String fired, String finished) {
        return new Fire(1, "S1", Fire.Kind.CRON, Fire.Result.SUCCEEDED, at(fired), at(fired), at(fired), at(finished),
                at(finished), 0, null, "a", null, null);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
