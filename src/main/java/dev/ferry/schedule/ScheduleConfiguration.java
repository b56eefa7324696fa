package dev.ferry.schedule;

import dev.ferry.connector.Connectors;
import dev.ferry.connector.HostInventory;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.run.RunEngine;
import dev.ferry.run.ScriptRenderer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;

/** The schedules and the reminders. Spring Boot owns Quartz; this contributes the reminder job and its trigger. */
@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

    @Bean
    ScheduleRepository scheduleRepository(JdbcClient jdbc) {
        return new ScheduleRepository(jdbc);
    }

    @Bean
    ScheduleNotices scheduleNotices() {
        return new ScheduleNotices();
    }

    @Bean
    ScheduleValidator scheduleValidator(ProcedureCatalog catalog, HostInventory inventory) {
        return new ScheduleValidator(catalog, inventory, ZoneId.systemDefault());
    }

    @Bean
    QuartzJobs quartzJobs(Scheduler scheduler, PlatformTransactionManager transactions, Clock clock) {
        return new QuartzJobs(scheduler, new TransactionTemplate(transactions), clock);
    }

    @Bean
    ScheduleCommands scheduleCommands(ScheduleRepository repository, ScheduleValidator validator, QuartzJobs jobs,
                                      PlatformTransactionManager transactions, Clock clock, ScheduleSettings settings) {
        // A fire that showed no sign of life for two progress periods ran on an instance that stopped.
        Duration stale = settings.progressEvery().multipliedBy(2).plusMinutes(1);
        return new ScheduleCommands(repository, validator, jobs, new TransactionTemplate(transactions), clock, stale);
    }

    @Bean
    ScheduleReadModel scheduleReadModel(ScheduleRepository repository, ProcedureCatalog catalog, QuartzJobs jobs,
                                        Clock clock) {
        return new ScheduleReadModel(repository, catalog, jobs, clock);
    }

    @Bean
    ScheduleActivity scheduleActivity(QuartzJobs jobs) {
        return new ScheduleActivity(jobs);
    }

    /** Ticks the progress of long fires; its thread never holds Ferry up at shutdown. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService scheduleProgressTimer() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ferry-schedule-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    ScheduleRunner scheduleRunner(ScheduleRepository repository, QuartzJobs jobs, ProcedureCatalog catalog,
                                  HostInventory inventory, ScriptRenderer renderer, Connectors connectors,
                                  ScheduleNotices notices, ScheduledExecutorService scheduleProgressTimer,
                                  ScheduleSettings settings, Clock clock) {
        return new ScheduleRunner(repository, jobs, catalog, inventory, renderer, connectors, notices,
                scheduleProgressTimer, settings, clock);
    }

    @Bean
    DeclaredSchedules declaredSchedules(ScheduleSettings settings, ScheduleValidator validator, QuartzJobs jobs,
                                        ScheduleRepository repository, PlatformTransactionManager transactions,
                                        Clock clock) {
        return new DeclaredSchedules(settings.declared(), validator, jobs, repository,
                new TransactionTemplate(transactions), clock);
    }

    @Bean
    Reminders reminders(RunEngine engine, JdbcClient jdbc, ReminderSettings settings, Clock clock) {
        return new Reminders(engine, jdbc, settings, clock);
    }

    @Bean
    JobDetail reminderJob() {
        return JobBuilder.newJob(ReminderJob.class).withIdentity("reminders", "ferry")
                .withDescription("Reminds people of runs that wait for them").storeDurably().build();
    }

    @Bean
    Trigger reminderTrigger(JobDetail reminderJob, ReminderSettings settings) {
        return TriggerBuilder.newTrigger().forJob(reminderJob).withIdentity("reminders", "ferry")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(settings.checkEvery().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    /**
     * @param progressEvery how often a running fire posts its progress (and records a sign of life)
     * @param outputLines   how many of the last output lines a notice shows
     * @param keepFires     how many fires of each schedule the history keeps
     * @param declared      schedules declared here rather than in chat, by id
     */
    @Validated
    @ConfigurationProperties("ferry.schedules")
    record ScheduleSettings(
            @DefaultValue("10m") @NotNull Duration progressEvery,
            @DefaultValue("10") @Min(1) @Max(200) int outputLines,
            @DefaultValue("50") @Min(1) @Max(10_000) int keepFires,
            @Valid Map<String, DeclaredSchedule> declared) {

        ScheduleSettings {
            if (progressEvery.isNegative() || progressEvery.isZero()) {
                throw new IllegalArgumentException("ferry.schedules.progress-every must be positive, e.g. 10m");
            }
            declared = declared == null ? Map.of() : Map.copyOf(declared);
        }
    }

    /**
     * One schedule of {@code ferry.schedules.declared}: the same fields as {@code /migrate schedule add}.
     *
     * @param host       fills the procedure's one host parameter
     * @param parameters the procedure's other parameters
     * @param tz         a region id such as Europe/Berlin; the JVM's zone when unset
     * @param platform   console, slack or discord: who posts the results
     */
    record DeclaredSchedule(String procedure, String host, Map<String, String> parameters, String cron, String tz,
                            String channel, String platform) {

        /** The fields as {@code schedule add} takes them. */
        Map<String, String> keys() {
            Map<String, String> keys = new LinkedHashMap<>();
            if (parameters != null) {
                keys.putAll(parameters);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("host", host);
            fields.put("cron", cron);
            fields.put("tz", tz);
            fields.put("channel", channel);
            fields.put("platform", platform);
            fields.forEach((key, value) -> {
                if (value != null) {
                    keys.put(key, value);
                }
            });
            return keys;
        }
    }

    /**
     * @param after         a step that waits for a person this long gets a reminder in its thread
     * @param escalateAfter … and this long, a reminder to the on-call role
     * @param checkEvery    how often Ferry looks
     */
    @Validated
    @ConfigurationProperties("ferry.reminders")
    record ReminderSettings(
            @DefaultValue("30m") @NotNull Duration after,
            @DefaultValue("2h") @NotNull Duration escalateAfter,
            @DefaultValue("1m") @NotNull Duration checkEvery) {

        ReminderSettings {
            if (escalateAfter.compareTo(after) < 0) {
                throw new IllegalArgumentException("ferry.reminders.escalate-after (" + escalateAfter
                        + ") must not be shorter than ferry.reminders.after (" + after + ")");
            }
            if (checkEvery.toMillis() < 1) {
                throw new IllegalArgumentException("ferry.reminders.check-every must be positive, e.g. 1m");
            }
        }
    }
}
