package dev.ferry.schedule;

import dev.ferry.procedure.Parameter;
import dev.ferry.procedure.ParameterType;
import dev.ferry.procedure.ProcedureCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What {@code schedule list} shows: each schedule with its hosts, pause, next fire times and last result. */
public class ScheduleReadModel {

    private final ScheduleRepository repository;
    private final ProcedureCatalog catalog;
    private final QuartzJobs jobs;
    private final Clock clock;

    ScheduleReadModel(ScheduleRepository repository, ProcedureCatalog catalog, QuartzJobs jobs, Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.jobs = jobs;
        this.clock = clock;
    }

    public List<ScheduleStatus> list() {
        return repository.all().stream().map(this::status).toList();
    }

    public Optional<ScheduleStatus> find(String id) {
        return repository.find(id).map(this::status);
    }

    /** Fires of the schedule, oldest first: for tests. */
    List<Fire> fires(String id) {
        return repository.fires(id);
    }

    private ScheduleStatus status(Schedule schedule) {
        boolean paused = jobs.paused(schedule.id());
        List<String> hosts = catalog.find(schedule.procedureId()).map(p -> p.parameters().stream()
                .filter(parameter -> parameter.type() == ParameterType.HOST).map(Parameter::name)
                .map(schedule.parameters()::get).filter(Objects::nonNull).toList()).orElse(List.of());
        List<Instant> next = paused ? List.of() : FireTimes.of(schedule).next(clock.instant(), 3);
        return new ScheduleStatus(schedule, hosts, paused, next, repository.last(schedule.id()));
    }
}
