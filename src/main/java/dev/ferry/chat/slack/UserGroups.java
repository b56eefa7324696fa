package dev.ferry.chat.slack;

import com.slack.api.model.Usergroup;
import dev.ferry.access.AccessSettings;
import dev.ferry.access.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a Slack user is to Ferry: an {@link Actor} with the user groups ({@code S…}) they belong to, so that roles
 * granted in {@code ferry.access.roles.<role>.slack-groups} apply. The groups come from usergroups.list with
 * its members, kept for {@code keepFor} and asked again after. Slack is asked only when some role is granted to
 * a group. When Slack does not answer, the person has no groups (a grant by user id still works) and Slack is
 * asked again soon; a command never fails for it.
 */
final class UserGroups {

    private static final Logger log = LoggerFactory.getLogger(UserGroups.class);
    /** How soon Slack is asked again after it did not answer, at most. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(15);

    private final SlackApi api;
    private final boolean needed;
    private final Duration keepFor;
    private final Clock clock;
    /** Group ids by member's user id, as Slack last told them. */
    private Map<String, Set<String>> byUser = Map.of();
    private Instant expires = Instant.MIN;

    /** @param needed whether any role is granted to a Slack user group; if not, Slack is never asked */
    UserGroups(SlackApi api, boolean needed, Duration keepFor, Clock clock) {
        this.api = api;
        this.needed = needed;
        this.keepFor = keepFor;
        this.clock = clock;
    }

    /** Whether {@code access} grants any role to a Slack user group. */
    static boolean needed(AccessSettings access) {
        return access.roles().values().stream().anyMatch(members -> !members.slackGroups().isEmpty());
    }

    /** The person who typed or pressed, with their user groups. */
    Actor actor(String userId, String name) {
        return new Actor(SlackCommands.PLATFORM, userId, name == null || name.isBlank() ? userId : name, of(userId));
    }

    Set<String> of(String userId) {
        if (!needed || userId == null) {
            return Set.of();
        }
        return current().getOrDefault(userId, Set.of());
    }

    private synchronized Map<String, Set<String>> current() {
        Instant now = clock.instant();
        if (now.isBefore(expires)) {
            return byUser;
        }
        Optional<List<Usergroup>> groups = api.userGroups();
        if (groups.isPresent()) {
            byUser = members(groups.get());
            expires = now.plus(keepFor);
        } else {
            Duration retry = keepFor.compareTo(RETRY_AFTER_FAILURE) < 0 ? keepFor : RETRY_AFTER_FAILURE;
            byUser = Map.of();
            expires = now.plus(retry);
            log.warn("Slack's user groups are unknown (usergroups.list failed, see above): roles granted to"
                    + " slack-groups apply to nobody until Slack answers; asking again in {} s. Grants by user id"
                    + " (slack-users) still apply.", retry.toSeconds());
        }
        return byUser;
    }

    private static Map<String, Set<String>> members(List<Usergroup> groups) {
        Map<String, Set<String>> byUser = new HashMap<>();
        for (Usergroup group : groups) {
            if (group.getId() == null || group.getUsers() == null) {
                continue;
            }
            group.getUsers().forEach(user -> byUser.computeIfAbsent(user, u -> new HashSet<>()).add(group.getId()));
        }
        byUser.replaceAll((user, ids) -> Set.copyOf(ids));
        return Map.copyOf(byUser);
    }
}
