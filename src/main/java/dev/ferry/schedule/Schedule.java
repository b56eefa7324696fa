package dev.ferry.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A procedure run unattended on a cron expression in a named time zone; its results go to a chat channel.
 *
 * @param parameters   the procedure's bound values, defaults included; never a secret (schedules refuse them)
 * @param platform     the chat platform that posts the results: console, slack or discord
 * @param channel      the platform's channel: "console", a Slack channel id, a Discord channel id
 * @param countingFrom fire times before this are not counted as missed: creation, or the last resume
 */
public record Schedule(
        String id,
        String procedureId,
        Map<String, String> parameters,
        String cron,
        ZoneId zone,
        String platform,
        String channel,
        String addedBy,
        Origin origin,
        Instant createdAt,
        Instant countingFrom) {

    /** Where a schedule was declared: by a chat command, or in {@code ferry.schedules.declared}. */
    public enum Origin { CHAT, CONFIG }

    public Schedule {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Whether both run the same thing at the same times and post to the same place. */
    boolean sameDefinition(Schedule other) {
        return procedureId.equals(other.procedureId) && parameters.equals(other.parameters)
                && cron.equals(other.cron) && zone.equals(other.zone) && platform.equals(other.platform)
                && channel.equals(other.channel);
    }

    Schedule withCountingFrom(Instant from) {
        return new Schedule(id, procedureId, parameters, cron, zone, platform, channel, addedBy, origin, createdAt, from);
    }
}
