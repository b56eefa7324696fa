package dev.ferry.schedule;

import dev.ferry.connector.CommandResult;
import dev.ferry.connector.ConnectorException;
import dev.ferry.connector.Connectors;
import dev.ferry.connector.Host;
import dev.ferry.connector.HostInventory;
import dev.ferry.connector.OutputListener;
import dev.ferry.procedure.BoundParameters;
import dev.ferry.procedure.InvalidParametersException;
import dev.ferry.procedure.ParameterBinder;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.procedure.Step;
import dev.ferry.run.ScriptRenderer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one fire of a schedule does, unattended: decide what the fire stands for ({@link FireTiming}), then render
 * the procedure's applicable steps with {@link ScriptRenderer} and run them in order through {@link Connectors},
 * stopping at the first failure, posting start, progress and result to the schedule's channel.
 * It runs on the Quartz thread that fired it, so the job stays "executing" (and other fires of the schedule stay
 * blocked) for as long as the scripts run.
 */
class ScheduleRunner {

    private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);
    private static final int TAIL_LINES = 20;

    private final ScheduleRepository repository;
    private final QuartzJobs jobs;
    private final ProcedureCatalog catalog;
    private final HostInventory inventory;
    private final ParameterBinder binder;
    private final ScriptRenderer renderer;
    private final Connectors connectors;
    private final ScheduleNotices notices;
    private final ScheduledExecutorService progressTimer;
    private final ScheduleConfiguration.ScheduleSettings settings;
    private final Clock clock;

    ScheduleRunner(ScheduleRepository repository, QuartzJobs jobs, ProcedureCatalog catalog, HostInventory inventory,
                   ScriptRenderer renderer, Connectors connectors, ScheduleNotices notices,
                   ScheduledExecutorService progressTimer, ScheduleConfiguration.ScheduleSettings settings, Clock clock) {
        this.repository = repository;
        this.jobs = jobs;
        this.catalog = catalog;
        this.inventory = inventory;
        this.binder = new ParameterBinder(inventory::contains);
        this.renderer = renderer;
        this.connectors = connectors;
        this.notices = notices;
        this.progressTimer = progressTimer;
        this.settings = settings;
        this.clock = clock;
    }

    void fire(FireRequest request) {
        Optional<Schedule> found = repository.find(request.scheduleId());
        if (found.isEmpty()) {
            log.warn("Quartz fired schedule {}, which Ferry does not have (removed meanwhile?); nothing runs",
                    request.scheduleId());
            return;
        }
        Schedule schedule = found.get();
        Instant now = clock.instant();
        List<Fire> cutOff = new ArrayList<>();
        for (Fire orphan : repository.running(schedule.id())) {
            repository.finish(orphan.id(), Fire.Result.CUT_OFF, orphan.updatedAt(), null,
                    FireNotes.cutOff(orphan, schedule), orphan.outputTail()).ifPresent(cutOff::add);
        }
        FireTiming timing = FireTiming.decide(request.kind(), request.scheduled(), now,
                repository.lastScheduled(schedule.id()), repository.lastExecuted(schedule.id()),
                FireTimes.of(schedule), schedule.countingFrom());
        if (!timing.run()) {
            skip(schedule, request, timing);
        } else {
            run(schedule, request, timing, cutOff);
        }
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        if (repository.find(schedule.id()).isPresent()) {
            repository.prune(schedule.id(), settings.keepFires());
            jobs.armDaylightSavingGap(schedule, clock.instant());
        }
    }

    private void skip(Schedule schedule, FireRequest request, FireTiming timing) {
        Fire running = repository.lastExecuted(schedule.id()).orElseThrow();
        Fire skipped = repository.insertSkipped(schedule.id(), request.kind(), timing.due(), request.firedAt(),
                request.instance(), FireNotes.stillRunning(running, schedule));
        log.info("Schedule {}: fire due {} skipped, fire {} was still running", schedule.id(), timing.due(), running.id());
        notices.publish(new ScheduleNotice.Skipped(schedule, skipped, running, timing.skippedWhileRunning()));
    }

    private void run(Schedule schedule, FireRequest request, FireTiming timing, List<Fire> cutOff) {
        Fire fire = repository.insertRunning(schedule.id(), request.kind(), timing.due(), request.firedAt(),
                request.requestedBy(), request.instance());
        if (timing.isLate()) {
            notices.publish(new ScheduleNotice.Late(schedule, fire, timing.late(), timing.missed()));
        }
        Optional<Procedure> procedure = catalog.find(schedule.procedureId());
        if (procedure.isEmpty()) {
            failed(schedule, fire, null, null, "procedure " + schedule.procedureId() + " is no longer in the catalog"
                    + " (config/procedures); restore it, or /migrate schedule remove " + schedule.id(), new FireOutput());
            return;
        }
        BoundParameters bound;
        try {
            bound = binder.bind(procedure.get(), schedule.parameters());
        } catch (InvalidParametersException e) {
            failed(schedule, fire, null, null, "the schedule's parameters no longer fit " + procedure.get().id() + ": "
                    + String.join("; ", e.problems()) + ". Remove the schedule and add it again.", new FireOutput());
            return;
        }
        List<InvalidScheduleException.Problem> problems = new ArrayList<>();
        ScheduleValidator.steps(procedure.get(), bound, problems);
        if (!problems.isEmpty()) {
            failed(schedule, fire, null, null, problems.get(0).message(), new FireOutput());
            return;
        }
        List<Step> steps = procedure.get().steps().stream().filter(s -> s.when().test(bound.values())).toList();
        if (request.kind() == Fire.Kind.RECOVERY) {
            Fire previous = cutOff.isEmpty() ? fire : cutOff.get(cutOff.size() - 1);
            Optional<Step> notIdempotent = steps.stream().filter(s -> !s.idempotent()).findFirst();
            if (notIdempotent.isPresent()) {
                failed(schedule, fire, notIdempotent.get().id(), null, "the fire was cut off when the Ferry instance "
                        + previous.instance() + " stopped, and step '" + notIdempotent.get().id() + "' is not idempotent,"
                        + " so it is not run again by itself. Check the host, then /migrate schedule run-now "
                        + schedule.id() + " if it should run.", new FireOutput());
                return;
            }
            notices.publish(new ScheduleNotice.Recovering(schedule, fire, previous));
        }
        List<String> hosts = steps.stream().map(s -> bound.values().get(s.target())).distinct().toList();
        notices.publish(new ScheduleNotice.Started(schedule, fire, procedure.get().title(),
                steps.stream().map(Step::id).toList(), hosts));
        execute(schedule, fire, procedure.get(), steps, bound);
    }

    private void execute(Schedule schedule, Fire fire, Procedure procedure, List<Step> steps, BoundParameters bound) {
        FireOutput output = new FireOutput();
        AtomicReference<String> current = new AtomicReference<>(steps.get(0).id());
        long every = settings.progressEvery().toMillis();
        ScheduledFuture<?> progress = progressTimer.scheduleAtFixedRate(() -> {
            Instant at = clock.instant();
            try {
                repository.heartbeat(fire.id(), at);
                notices.publish(new ScheduleNotice.Progress(schedule, fire, current.get(),
                        Duration.between(fire.firedAt(), at), output.tail(settings.outputLines())));
            } catch (RuntimeException e) {
                log.warn("Progress of schedule {} fire {} could not be recorded: {}", schedule.id(), fire.id(),
                        e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        try {
            int exitCode = 0;
            for (Step step : steps) {
                current.set(step.id());
                String hostName = bound.values().get(step.target());
                Optional<Host> host = inventory.find(hostName);
                if (host.isEmpty()) {
                    failed(schedule, fire, step.id(), null, "host " + hostName + " is not in the inventory any more;"
                            + " add it back to config/hosts.yml, or remove the schedule", output);
                    return;
                }
                if (steps.size() > 1) {
                    output.note("── step " + step.id() + " on " + hostName);
                }
                AtomicInteger streamed = new AtomicInteger();
                OutputListener listener = (stream, line) -> {
                    streamed.incrementAndGet();
                    output.line(stream, line);
                };
                var script = renderer.render(procedure, step, bound.values());
                repository.started(fire.id(), clock.instant());
                CommandResult result = connectors.execute(host.get(), script, step.timeout(), listener);
                if (streamed.get() == 0) {
                    result.stdout().lines().forEach(line -> output.line(OutputListener.Stream.STDOUT, line));
                    result.stderr().lines().forEach(line -> output.line(OutputListener.Stream.STDERR, line));
                }
                if (result.timedOut()) {
                    failed(schedule, fire, step.id(), null, FireNotes.timedOut(step.id(), step.timeout(), hostName),
                            output);
                    return;
                }
                if (!result.succeeded()) {
                    failed(schedule, fire, step.id(), result.exitCode(), "step '" + step.id() + "' ended with exit code "
                            + result.exitCode() + " on " + hostName + firstLine(result.stderr()), output);
                    return;
                }
                exitCode = result.exitCode();
            }
            Instant end = clock.instant();
            Fire done = finish(fire, Fire.Result.SUCCEEDED, end, exitCode,
                    FireNotes.succeeded(exitCode, Duration.between(fire.firedAt(), end)), output);
            notices.publish(new ScheduleNotice.Succeeded(schedule, done, done.duration(), exitCode,
                    output.tail(settings.outputLines()), output.text()));
        } catch (InterruptedException e) {
            // Ferry is stopping: the fire stays "running" in the job store and is recovered by another instance or
            // by this one's next start (requestRecovery).
            Thread.currentThread().interrupt();
            log.info("Schedule {} fire {} interrupted while Ferry stops; it will be recovered", schedule.id(), fire.id());
        } catch (ConnectorException e) {
            failed(schedule, fire, current.get(), null, e.getMessage(), output);
        } catch (RuntimeException e) {
            log.error("Schedule {} fire {} failed inside Ferry", schedule.id(), fire.id(), e);
            failed(schedule, fire, current.get(), null, "Ferry could not run the step because of an error inside"
                    + " Ferry; its log has the details", output);
        } finally {
            progress.cancel(false);
        }
    }

    private void failed(Schedule schedule, Fire fire, String step, Integer exitCode, String reason, FireOutput output) {
        Instant end = clock.instant();
        Fire done = finish(fire, Fire.Result.FAILED, end, exitCode, reason, output);
        log.warn("Schedule {} fire {} failed: {}", schedule.id(), fire.id(), reason);
        notices.publish(new ScheduleNotice.Failed(schedule, done, step, done.duration(), exitCode, reason,
                output.tail(settings.outputLines()), output.text()));
    }

    /** Records the end of a fire; a schedule removed while it ran has no history left, but the notice still goes. */
    private Fire finish(Fire fire, Fire.Result result, Instant end, Integer exitCode, String note, FireOutput output) {
        String tail = String.join("\n", output.tail(TAIL_LINES));
        return repository.finish(fire.id(), result, end, exitCode, note, tail).orElseGet(() -> new Fire(fire.id(),
                fire.scheduleId(), fire.kind(), result, fire.due(), fire.firedAt(), fire.startedAt(), end, end, exitCode,
                fire.requestedBy(), fire.instance(), note, tail));
    }

    private static String firstLine(String stderr) {
        return stderr.lines().filter(l -> !l.isBlank()).findFirst().map(l -> ": " + l.strip()).orElse("");
    }
}
