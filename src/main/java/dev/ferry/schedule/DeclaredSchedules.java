package dev.ferry.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start-up, before Quartz starts firing: makes the schedules of {@code ferry.schedules.declared} exist as
 * declared (new ones added, changed ones updated, ones no longer declared removed; a pause set in chat is
 * kept), and makes every schedule's Quartz job exist. A declaration that does not fit stops Ferry with the
 * field named, like a bad procedure file.
 */
class DeclaredSchedules implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DeclaredSchedules.class);
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final Map<String, ScheduleConfiguration.DeclaredSchedule> declared;
    private final ScheduleValidator validator;
    private final QuartzJobs jobs;
    private final ScheduleRepository repository;
    private final TransactionTemplate tx;
    private final Clock clock;

    DeclaredSchedules(Map<String, ScheduleConfiguration.DeclaredSchedule> declared, ScheduleValidator validator,
                      QuartzJobs jobs, ScheduleRepository repository, TransactionTemplate tx, Clock clock) {
        this.declared = declared;
        this.validator = validator;
        this.jobs = jobs;
        this.repository = repository;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Instant now = clock.instant();
        List<Schedule> wanted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        declared.forEach((id, declaration) -> {
            String prefix = "ferry.schedules.declared." + id;
            if (!ID.matcher(id).matches()) {
                problems.add(prefix + ": the id must be lower-case letters, digits and hyphens, starting with a letter");
                return;
            }
            try {
                wanted.add(validator.check(id, declaration.procedure(), declaration.keys(), null, "configuration",
                        Schedule.Origin.CONFIG, now));
            } catch (InvalidScheduleException e) {
                e.problems().forEach(p -> problems.add(prefix + "." + fieldOf(p.field()) + ": " + p.message()));
            }
        });
        if (!problems.isEmpty()) {
            throw new DeclaredScheduleException(problems);
        }
        tx.executeWithoutResult(status -> {
            for (Schedule schedule : wanted) {
                Optional<Schedule> stored = repository.find(schedule.id());
                if (stored.isEmpty()) {
                    repository.insert(schedule);
                    jobs.store(schedule, false);
                    log.info("Schedule {} added from the configuration", schedule.id());
                } else if (!stored.get().sameDefinition(schedule)) {
                    Schedule updated = new Schedule(schedule.id(), schedule.procedureId(), schedule.parameters(),
                            schedule.cron(), schedule.zone(), schedule.platform(), schedule.channel(),
                            schedule.addedBy(), schedule.origin(), stored.get().createdAt(), now);
                    repository.update(updated);
                    jobs.store(updated, true);
                    log.info("Schedule {} updated from the configuration", schedule.id());
                }
            }
            for (Schedule stored : repository.all()) {
                if (stored.origin() == Schedule.Origin.CONFIG && !declared.containsKey(stored.id())) {
                    jobs.delete(stored.id());
                    repository.delete(stored.id());
                    log.info("Schedule {} removed: it is no longer in the configuration", stored.id());
                } else {
                    jobs.store(stored, false);
                }
            }
            // Quartz jobs of schedules that have no row (e.g. a row deleted by hand) would fire for nothing.
            for (String orphan : jobs.jobIds().stream().filter(id -> repository.find(id).isEmpty()).toList()) {
                jobs.delete(orphan);
                log.warn("Quartz job of schedule {} removed: Ferry has no such schedule", orphan);
            }
        });
    }

    /** The configuration key of a schedule field: {@code tz}, {@code cron} …, or {@code parameters.<name>}. */
    private static String fieldOf(String field) {
        return ScheduleValidator.SCHEDULE_KEYS.contains(field) || field.equals("procedure") ? field
                : "parameters." + field;
    }

    /** Declarations that do not fit; start-up stops with each named. */
    static final class DeclaredScheduleException extends RuntimeException {

        private final List<String> problems;

        DeclaredScheduleException(List<String> problems) {
            super("the schedules declared in the configuration do not fit:\n" + String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }
}
