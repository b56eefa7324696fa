package dev.ferry.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A schedule as {@code schedule list} shows it.
 *
 * @param hosts     the hosts its steps run on (the values of its host parameters)
 * @param nextFires the next three fire times (the schedule's zone says how they read); empty while paused
 * @param last      the newest fire and how it ended
 */
public record ScheduleStatus(Schedule schedule, List<String> hosts, boolean paused, List<Instant> nextFires,
                             Optional<Fire> last) {

    public ScheduleStatus {
        hosts = List.copyOf(hosts);
        nextFires = List.copyOf(nextFires);
    }
}
