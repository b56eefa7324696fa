package dev.ferry.schedule;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A schedule as {@code schedule list} shows it.
 *
 * @param hosts       the hosts its steps run on (the values of its host parameters)
 * @param cronInWords e.g. "every day at 02:00"; the expression as written when it has no simple words
 * @param nextFires   the next three fire times in the schedule's zone; empty while paused
 * @param last        the newest fire and how it ended
 */
public record ScheduleStatus(Schedule schedule, List<String> hosts, String cronInWords, boolean paused,
                             List<ZonedDateTime> nextFires, Optional<Fire> last) {

    public ScheduleStatus {
        hosts = List.copyOf(hosts);
        nextFires = List.copyOf(nextFires);
    }
}
