package dev.ferry.schedule;

import dev.ferry.access.Actor;
import dev.ferry.procedure.Parameter;
import dev.ferry.procedure.ParameterType;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.run.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.Supplier;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The schedules: what {@code /migrate schedule …} and {@code ferry.schedules.declared} change. A schedule is a row
 * of Ferry's (what, where, which channel) and a Quartz job with a cron trigger (when); both change in one
 * transaction, which Quartz's Spring-managed job store joins.
 */
public class Schedules {

    static final String GROUP = "ferry-schedule";
    static final String KIND = "kind";
    static final String REQUESTED_BY = "requestedBy";

    private final ScheduleRepository repository;
    private final ScheduleValidator validator;
    private final ProcedureCatalog catalog;
    private final Scheduler scheduler;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration stale;

    Schedules(ScheduleRepository repository, ScheduleValidator validator, ProcedureCatalog catalog, Scheduler scheduler,
              TransactionTemplate tx, Clock clock, Duration stale) {
        this.repository = repository;
        this.validator = validator;
        this.catalog = catalog;
        this.scheduler = scheduler;
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
            schedule(schedule, false);
            return schedule;
        });
        wakeScheduler();
        return added;
    }

    public List<ScheduleStatus> list() {
        return repository.all().stream().map(this::status).toList();
    }

    public Optional<ScheduleStatus> find(String id) {
        return repository.find(id).map(this::status);
    }

    public Outcome pause(String id, Actor actor) {
        return withSchedule(id, schedule -> {
            if (paused(schedule)) {
                return refused(id + " is paused already; /migrate schedule resume " + id + " resumes it.");
            }
            inTransaction(() -> quartz(() -> scheduler.pauseJob(jobKey(id))));
            return accepted(id + " paused by " + actor + ": it does not fire until /migrate schedule resume " + id
                    + ". A fire already running goes on.");
        });
    }

    /**
     * Resumes at the next fire time after now. Fire times that passed while paused are neither run nor reported
     * as missed (Quartz alone would fire a paused schedule's missed time at once when resumed).
     */
    public Outcome resume(String id, Actor actor) {
        return withSchedule(id, schedule -> {
            if (!paused(schedule)) {
                return refused(id + " is not paused; /migrate schedule pause " + id + " pauses it.");
            }
            Instant now = clock.instant();
            Optional<Instant> next = FireTimes.of(schedule).nextAfter(now);
            if (next.isEmpty()) {
                return refused(id + " never fires again (cron " + schedule.cron() + "); /migrate schedule remove " + id
                        + " removes it.");
            }
            inTransaction(() -> {
                repository.countFrom(id, now);
                quartz(() -> scheduler.rescheduleJob(triggerKey(id), cronTrigger(schedule, now)));
                armDaylightSavingGap(schedule.withCountingFrom(now), now);
                return null;
            });
            wakeScheduler();
            return accepted(id + " resumed by " + actor + "; it fires next at " + at(next.get(), schedule)
                    + ". Fire times that passed while it was paused are not run.");
        });
    }

    public Outcome remove(String id, Actor actor) {
        return withSchedule(id, schedule -> {
            if (schedule.origin() == Schedule.Origin.CONFIG) {
                return refused(id + " is declared in the configuration (ferry.schedules.declared." + id
                        + "); remove it there and restart Ferry, or /migrate schedule pause " + id + ".");
            }
            inTransaction(() -> {
                deleteJob(id);
                return repository.delete(id);
            });
            return accepted(id + " removed by " + actor + "; it fires no more. A fire already running goes on.");
        });
    }

    /** Fires the schedule now, once, unless a fire of it is running. Its channel gets the result as usual. */
    /**
     * Waits until no fire is due or running in this instance: a scripted console session waits for the
     * run-now it asked for before it reads on, and before Ferry stops at the end of its input.
     */
    public void awaitIdle() throws InterruptedException {
        while (busy()) {
            Thread.sleep(50);
        }
    }

    private boolean busy() {
        try {
            if (!scheduler.isStarted() || scheduler.isShutdown()) {
                return false;
            }
            if (scheduler.getCurrentlyExecutingJobs().stream()
                    .anyMatch(job -> job.getJobDetail().getJobClass() == ScheduleJob.class)) {
                return true;
            }
            Date soon = Date.from(clock.instant().plusSeconds(1));
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.anyTriggerGroup())) {
                Trigger trigger = scheduler.getTrigger(key);
                if (trigger != null && trigger.getJobKey().getGroup().equals(jobKey("x").getGroup())
                        && trigger.getNextFireTime() != null && trigger.getNextFireTime().before(soon)) {
                    return true;
                }
            }
            return false;
        } catch (SchedulerException e) {
            return false;
        }
    }

    public Outcome runNow(String id, Actor actor) {
        return withSchedule(id, schedule -> {
            Optional<Fire> running = runningFire(id);
            if (running.isPresent()) {
                return refused(id + " is running (fire " + running.get().id() + ", since "
                        + running.get().firedAt().atZone(schedule.zone()).toLocalTime().withNano(0)
                        + "); two fires of one schedule never run at once. Wait for its result.");
            }
            JobDataMap data = new JobDataMap(Map.of(KIND, Fire.Kind.MANUAL.name(), REQUESTED_BY, actor.displayName()));
            inTransaction(() -> quartz(() -> scheduler.triggerJob(jobKey(id), data)));
            wakeScheduler();
            return accepted(id + " runs now, as asked by " + actor + "; its channel " + schedule.channel() + " ("
                    + schedule.platform() + ") gets the result.");
        });
    }

    /** Fires of the schedule, oldest first: for tests and benchmarks. */
    List<Fire> fires(String id) {
        return repository.fires(id);
    }

    /**
     * Stores the schedule's Quartz job and cron trigger. With {@code replace}, an existing cron trigger is replaced
     * by one that starts now (keeping a pause); otherwise existing Quartz objects are left as they are.
     */
    void schedule(Schedule schedule, boolean replace) {
        Instant now = clock.instant();
        boolean firesAgain = FireTimes.of(schedule).cronAfter(now).isPresent();
        quartz(() -> {
            JobKey job = jobKey(schedule.id());
            if (!scheduler.checkExists(job)) {
                scheduler.addJob(jobDetail(schedule), false);
                if (firesAgain) {
                    scheduler.scheduleJob(cronTrigger(schedule, now));
                }
            } else if (firesAgain && (replace || !scheduler.checkExists(triggerKey(schedule.id())))) {
                boolean wasPaused = paused(schedule);
                scheduler.addJob(jobDetail(schedule), true);
                if (scheduler.checkExists(triggerKey(schedule.id()))) {
                    scheduler.rescheduleJob(triggerKey(schedule.id()), cronTrigger(schedule, now));
                } else {
                    scheduler.scheduleJob(cronTrigger(schedule, now));
                }
                if (wasPaused) {
                    scheduler.pauseJob(job);
                }
            }
        });
        armDaylightSavingGap(schedule, now);
    }

    /**
     * Makes sure the one-shot trigger for the next daylight-saving gap that would swallow a fire time exists
     * ({@link FireTimes}). Called when a schedule is stored, resumed, and after each of its fires.
     */
    void armDaylightSavingGap(Schedule schedule, Instant now) {
        Optional<Instant> gap = FireTimes.of(schedule).gapAfter(now);
        TriggerKey key = gapKey(schedule.id());
        quartz(() -> {
            Trigger existing = scheduler.getTrigger(key);
            if (gap.isEmpty()) {
                if (existing != null) {
                    scheduler.unscheduleJob(key);
                }
                return;
            }
            if (existing != null && existing.getStartTime().toInstant().equals(gap.get())) {
                return;
            }
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(jobKey(schedule.id()))
                    .withDescription("the fire time the daylight-saving gap of " + gap.get() + " skips")
                    .usingJobData(KIND, Fire.Kind.DST.name())
                    .startAt(Date.from(gap.get()))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                    .build();
            boolean wasPaused = paused(schedule);
            if (existing != null) {
                scheduler.rescheduleJob(key, trigger);
            } else {
                scheduler.scheduleJob(trigger);
            }
            if (wasPaused) {
                scheduler.pauseTrigger(key);
            }
        });
    }

    /** Removes a schedule whatever its origin: for declarations that left the configuration. */
    void delete(String id) {
        deleteJob(id);
        repository.delete(id);
    }

    /**
     * Quartz refuses to delete a job when one of its triggers vanishes meanwhile (a run-now trigger that just
     * completed); a second look no longer sees that trigger.
     */
    private void deleteJob(String id) {
        for (int attempt = 1; ; attempt++) {
            try {
                scheduler.deleteJob(jobKey(id));
                return;
            } catch (SchedulerException e) {
                if (attempt == 3) {
                    throw new IllegalStateException("Quartz's job store failed: " + e.getMessage(), e);
                }
            }
        }
    }

    /** Quartz jobs of schedules that have no row (e.g. a row deleted by hand): they would fire for nothing. */
    List<String> orphanJobs() {
        return quartzValue(() -> scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(GROUP)))
                .stream().map(JobKey::getName).filter(name -> repository.find(name).isEmpty()).toList();
    }

    /**
     * Quartz wakes its scheduler thread when a trigger is stored; inside a transaction that is before the trigger
     * is committed, so the thread finds nothing and sleeps its idle time (org.quartz.scheduler.idleWaitTime).
     * Waking it once more after the commit makes a trigger due at once (run-now) fire at once. Resuming an empty
     * trigger group changes nothing but wakes it.
     */
    void wakeScheduler() {
        inTransaction(() -> quartz(() -> scheduler.resumeTriggers(
                org.quartz.impl.matchers.GroupMatcher.triggerGroupEquals("ferry-wake"))));
    }

    boolean paused(Schedule schedule) {
        return quartzValue(() -> scheduler.getTriggerState(triggerKey(schedule.id())) == Trigger.TriggerState.PAUSED);
    }

    /** A fire that is running now: its record says so and it showed a sign of life lately. */
    Optional<Fire> runningFire(String id) {
        Instant freshSince = clock.instant().minus(stale);
        return repository.running(id).stream().filter(f -> f.updatedAt().isAfter(freshSince)).findFirst();
    }

    private ScheduleStatus status(Schedule schedule) {
        boolean paused = paused(schedule);
        List<String> hosts = catalog.find(schedule.procedureId()).map(p -> p.parameters().stream()
                .filter(parameter -> parameter.type() == ParameterType.HOST).map(Parameter::name)
                .map(schedule.parameters()::get).filter(v -> v != null).toList()).orElse(List.of());
        List<Instant> next = paused ? List.of() : FireTimes.of(schedule).next(clock.instant(), 3);
        return new ScheduleStatus(schedule, hosts, paused, next, repository.last(schedule.id()));
    }

    private JobDetail jobDetail(Schedule schedule) {
        return JobBuilder.newJob(ScheduleJob.class)
                .withIdentity(jobKey(schedule.id()))
                .withDescription(schedule.procedureId() + " " + schedule.parameters())
                .usingJobData("scheduleId", schedule.id())
                .storeDurably()
                // An instance that stops mid-fire leaves the fire to another instance, or to its own next start.
                .requestRecovery()
                .build();
    }

    /** Fires at the cron times after {@code from}; a time missed while Ferry was down fires once, late. */
    static Trigger cronTrigger(Schedule schedule, Instant from) {
        return TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(schedule.id()))
                .forJob(jobKey(schedule.id()))
                .withDescription(schedule.cron() + " in " + schedule.zone())
                .startAt(Date.from(from))
                .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                        .inTimeZone(TimeZone.getTimeZone(schedule.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    static JobKey jobKey(String id) {
        return JobKey.jobKey(id, GROUP);
    }

    static TriggerKey triggerKey(String id) {
        return TriggerKey.triggerKey(id, GROUP);
    }

    static TriggerKey gapKey(String id) {
        return TriggerKey.triggerKey(id + "-daylight-saving", GROUP);
    }

    private Outcome withSchedule(String id, java.util.function.Function<Schedule, Outcome> then) {
        if (id == null) {
            return refused("Name the schedule, e.g. S1; /migrate schedule list shows them.");
        }
        return repository.find(id).map(then)
                .orElseGet(() -> refused("There is no schedule " + id + "; /migrate schedule list shows them."));
    }

    private <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    /** A Quartz call whose checked exception means the job store failed: Ferry cannot go on with the command. */
    @FunctionalInterface
    interface QuartzCall {
        void run() throws SchedulerException;
    }

    @FunctionalInterface
    interface QuartzQuery<T> {
        T get() throws SchedulerException;
    }

    static Void quartz(QuartzCall call) {
        try {
            call.run();
            return null;
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz's job store failed: " + e.getMessage(), e);
        }
    }

    static <T> T quartzValue(QuartzQuery<T> query) {
        try {
            return query.get();
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz's job store failed: " + e.getMessage(), e);
        }
    }

    static String at(Instant time, Schedule schedule) {
        return at(time, schedule.zone());
    }

    /** "Tue 2025-01-14 02:00 CET" (seconds only when not zero): a time as people in {@code zone} read it. */
    public static String at(Instant time, java.time.ZoneId zone) {
        java.time.ZonedDateTime local = time.atZone(zone);
        return (local.getSecond() == 0 ? AT : AT_SECONDS).format(local);
    }

    private static final java.time.format.DateTimeFormatter AT =
            java.time.format.DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z", java.util.Locale.ENGLISH);
    private static final java.time.format.DateTimeFormatter AT_SECONDS =
            java.time.format.DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss z", java.util.Locale.ENGLISH);

    private static Outcome accepted(String message) {
        return new Outcome(true, message);
    }

    private static Outcome refused(String message) {
        return new Outcome(false, message);
    }
}
