package dev.ferry.schedule;

import dev.ferry.run.RunEngine;
import dev.ferry.run.StoredValues;
import dev.ferry.run.WaitingStep;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reminds people of runs that wait for them: once when a step has waited longer than {@code ferry.reminders.after},
 * then once more, to the on-call role, after {@code ferry.reminders.escalate-after}. What was posted is recorded,
 * so a restart or another instance does not post it again; a step that moves on starts afresh.
 */
class Reminders {

    private static final int REMINDED = 1;
    private static final int ESCALATED = 2;

    private final RunEngine engine;
    private final JdbcClient jdbc;
    private final ScheduleConfiguration.ReminderSettings settings;
    private final Clock clock;

    Reminders(RunEngine engine, JdbcClient jdbc, ScheduleConfiguration.ReminderSettings settings, Clock clock) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Expires approval requests nobody decided in time, then reminds. @return how many reminders were posted */
    int check() {
        engine.expireApprovals();
        int posted = 0;
        for (WaitingStep waiting : engine.waitingLongerThan(settings.after())) {
            Duration waited = Duration.between(waiting.since(), clock.instant());
            int level = waited.compareTo(settings.escalateAfter()) >= 0 ? ESCALATED : REMINDED;
            if (levelPosted(waiting) >= level) {
                continue;
            }
            if (engine.remind(waiting, level == ESCALATED)) {
                record(waiting, level);
                posted++;
            }
        }
        return posted;
    }

    private int levelPosted(WaitingStep waiting) {
        Optional<Reminded> reminded = jdbc.sql(
                        "SELECT waiting_since, level FROM step_reminder WHERE run_id = :run AND step_index = :index")
                .param("run", waiting.run().id()).param("index", waiting.record().index())
                .query((rs, row) -> new Reminded(StoredValues.instant(rs, "waiting_since"), rs.getInt("level"))).optional();
        return reminded.filter(r -> r.since().equals(waiting.since())).map(Reminded::level).orElse(0);
    }

    private void record(WaitingStep waiting, int level) {
        OffsetDateTime since = StoredValues.time(waiting.since());
        int updated = jdbc.sql("""
                        UPDATE step_reminder SET waiting_since = :since, level = :level
                         WHERE run_id = :run AND step_index = :index""")
                .param("since", since).param("level", level)
                .param("run", waiting.run().id()).param("index", waiting.record().index()).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO step_reminder (run_id, step_index, waiting_since, level)
                            VALUES (:run, :index, :since, :level)""")
                    .param("run", waiting.run().id()).param("index", waiting.record().index())
                    .param("since", since).param("level", level).update();
        }
    }

    private record Reminded(Instant since, int level) {
    }
}
