package dev.ferry.schedule;

import dev.ferry.access.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What {@code /migrate schedule add|pause|resume|remove|run-now} change. A schedule is a row of Ferry's (what,
 * where, which channel) and a Quartz job with a cron trigger (when); both change in one transaction, which
 * Quartz's Spring-managed job store joins.
 */
public class ScheduleCommands {

    private final ScheduleRepository repository;
    private final ScheduleValidator validator;
    private final QuartzJobs jobs;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration stale;

    /** @param stale how long a running fire may show no sign of life before it counts as cut off */
    ScheduleCommands(ScheduleRepository repository, ScheduleValidator validator, QuartzJobs jobs,
                     TransactionTemplate tx, Clock clock, Duration stale) {
        this.repository = repository;
        this.validator = validator;
        this.jobs = jobs;
        this.tx = tx;
        this.clock = clock;
        this.stale = stale;
    }

    /**
     * {@code schedule add}: validates everything, then stores the schedule and its triggers.
     *
     * @param keys schedule keys (host, cron, tz, channel, platform) and procedure parameters
     * @throws InvalidScheduleException naming each field that is wrong; nothing is stored then
     */
    public Schedule add(String procedureId, Map<String, String> keys, Actor actor) {
        Instant now = clock.instant();
        // Validate before taking an id, so that a refused schedule does not use up a number.
        validator.check("S?", procedureId, keys, actor.platform(), actor.displayName(), Schedule.Origin.CHAT, now);
        Schedule added = inTransaction(() -> {
            Schedule schedule = validator.check(repository.nextId(), procedureId, keys, actor.platform(),
                    actor.displayName(), Schedule.Origin.CHAT, now);
            repository.insert(schedule);
            jobs.store(schedule, false);
            return schedule;
        });
        jobs.wake();
        return added;
    }

    public ScheduleChange pause(String id, Actor actor) {
        return withSchedule(id, schedule -> {
            if (jobs.paused(id)) {
                return new ScheduleChange.AlreadyPaused(id);
            }
            inTransaction(() -> {
                jobs.pause(id);
                return null;
            });
            return new ScheduleChange.Paused(id, actor);
        });
    }

    /**
     * Resumes at the next fire time after now. Fire times that passed while paused are neither run nor reported
     * as missed (Quartz alone would fire a paused schedule's missed time at once when resumed).
     */
    public ScheduleChange resume(String id, Actor actor) {
        return withSchedule(id, schedule -> {
            if (!jobs.paused(id)) {
                return new ScheduleChange.NotPaused(id);
            }
            Instant now = clock.instant();
            Optional<Instant> next = FireTimes.of(schedule).nextAfter(now);
            if (next.isEmpty()) {
                return new ScheduleChange.NeverFiresAgain(schedule);
            }
            inTransaction(() -> {
                repository.countFrom(id, now);
                jobs.resumeFrom(schedule, now);
                return null;
            });
            jobs.wake();
            return new ScheduleChange.Resumed(schedule, actor, next.get());
        });
    }

    public ScheduleChange remove(String id, Actor actor) {
        return withSchedule(id, schedule -> {
            if (schedule.origin() == Schedule.Origin.CONFIG) {
                return new ScheduleChange.Declared(id);
            }
            inTransaction(() -> {
                jobs.delete(id);
                return repository.delete(id);
            });
            return new ScheduleChange.Removed(id, actor);
        });
    }

    /** Fires the schedule now, once, unless a fire of it is running. Its channel gets the result as usual. */
    public ScheduleChange runNow(String id, Actor actor) {
        return withSchedule(id, schedule -> {
            Optional<Fire> running = runningFire(id);
            if (running.isPresent()) {
                return new ScheduleChange.AlreadyRunning(schedule, running.get());
            }
            inTransaction(() -> {
                jobs.fireNow(id, actor.displayName());
                return null;
            });
            jobs.wake();
            return new ScheduleChange.RunsNow(schedule, actor);
        });
    }

    /** A fire that is running now: its record says so and it showed a sign of life lately. */
    private Optional<Fire> runningFire(String id) {
        Instant freshSince = clock.instant().minus(stale);
        return repository.running(id).stream().filter(f -> f.updatedAt().isAfter(freshSince)).findFirst();
    }

    private ScheduleChange withSchedule(String id, Function<Schedule, ScheduleChange> then) {
        if (id == null) {
            return new ScheduleChange.NoId();
        }
        return repository.find(id).map(then).orElseGet(() -> new ScheduleChange.NoSuchSchedule(id));
    }

    private <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
