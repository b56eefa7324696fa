package dev.ferry.access;

import java.util.Set;

/**
 * A chat identity: who typed a command or pressed a button.
 *
 * @param platform    console, slack or discord
 * @param userId      the platform's stable id for the person
 * @param displayName what people see, for messages and the audit trail
 * @param groups      the person's groups on the platform, as the adapter knows them: Slack user group ids,
 *                    Discord role ids; roles may be granted to a group
 */
public record Actor(String platform, String userId, String displayName, Set<String> groups) {

    public Actor {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    public Actor(String platform, String userId, String displayName) {
        this(platform, userId, displayName, Set.of());
    }

    /** "slack:U012AB": the same person on the same platform, whatever their display name. */
    public String id() {
        return platform + ":" + userId;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
