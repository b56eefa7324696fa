package dev.ferry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.access.Actor;
import dev.ferry.schedule.Fire;
import dev.ferry.schedule.Schedule;
import dev.ferry.schedule.ScheduleChange;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sentence for each thing a schedule command did or refused, with its times in the schedule's zone. */
class ScheduleChangeWordsTest {

    private static final Actor ALICE = new Actor("slack", "U1", "alice");
    private static final Instant CREATED = Instant.parse("2026-11-01T09:00:00Z");
    private static final Schedule S1 = new Schedule("S1", "galsync-update", Map.of("host", "ex2007-a"), "0 0 2 * * ?",
            ZoneId.of("Europe/Berlin"), "slack", "C42", "alice", Schedule.Origin.CHAT, CREATED, CREATED);

    @Test
    void whatWasDoneNamesTheScheduleThePersonAndWhatFollows() {
        assertThat(ScheduleReplies.words(new ScheduleChange.Paused("S1", ALICE))).isEqualTo("S1 paused by alice: it"
                + " does not fire until /migrate schedule resume S1. A fire already running goes on.");
        assertThat(ScheduleReplies.words(new ScheduleChange.Resumed(S1, ALICE, Instant.parse("2026-12-03T01:00:00Z"))))
                .isEqualTo("S1 resumed by alice; it fires next at Thu 2026-12-03 02:00 CET. Fire times that passed"
                        + " while it was paused are not run.");
        assertThat(ScheduleReplies.words(new ScheduleChange.Removed("S1", ALICE)))
                .isEqualTo("S1 removed by alice; it fires no more. A fire already running goes on.");
        assertThat(ScheduleReplies.words(new ScheduleChange.RunsNow(S1, ALICE)))
                .isEqualTo("S1 runs now, as asked by alice; its channel C42 (slack) gets the result.");
    }

    @Test
    void aRefusalSaysWhyAndWhatToDoInstead() {
        Fire running = new Fire(7, "S1", Fire.Kind.CRON, Fire.Result.RUNNING, Instant.parse("2026-12-03T01:00:00Z"),
                Instant.parse("2026-12-03T01:00:03.250Z"), null, null, Instant.parse("2026-12-03T01:05:00Z"), null,
                null, "a", null, null);
        assertThat(ScheduleReplies.words(new ScheduleChange.AlreadyRunning(S1, running))).isEqualTo("S1 is running"
                + " (fire 7, since 02:00:03); two fires of one schedule never run at once. Wait for its result.");
        assertThat(ScheduleReplies.words(new ScheduleChange.NoId()))
                .isEqualTo("Name the schedule, e.g. S1; /migrate schedule list shows them.");
        assertThat(ScheduleReplies.words(new ScheduleChange.NoSuchSchedule("S9")))
                .isEqualTo("There is no schedule S9; /migrate schedule list shows them.");
        assertThat(ScheduleReplies.words(new ScheduleChange.AlreadyPaused("S1")))
                .isEqualTo("S1 is paused already; /migrate schedule resume S1 resumes it.");
        assertThat(ScheduleReplies.words(new ScheduleChange.NotPaused("S1")))
                .isEqualTo("S1 is not paused; /migrate schedule pause S1 pauses it.");
        assertThat(ScheduleReplies.words(new ScheduleChange.NeverFiresAgain(S1)))
                .isEqualTo("S1 never fires again (cron 0 0 2 * * ?); /migrate schedule remove S1 removes it.");
        assertThat(ScheduleReplies.words(new ScheduleChange.Declared("nightly"))).isEqualTo("nightly is declared in"
                + " the configuration (ferry.schedules.declared.nightly); remove it there and restart Ferry, or"
                + " /migrate schedule pause nightly.");
        assertThat(new ScheduleChange.Declared("nightly").accepted()).isFalse();
        assertThat(new ScheduleChange.Removed("S1", ALICE).accepted()).isTrue();
    }
}
