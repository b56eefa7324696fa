package dev.ferry.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what: the roles of an actor from the configured identities, and the per-procedure rules.
 * Answers are refusals in words (the role lacked and how to get it), or empty when allowed.
 */
public class AccessPolicy {

    private final AccessSettings settings;

    public AccessPolicy(AccessSettings settings) {
        this.settings = settings;
    }

    public Set<Role> rolesOf(Actor actor) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        settings.roles().forEach((role, members) -> {
            if (holds(members, actor)) {
                roles.add(role);
            }
        });
        return roles;
    }

    /** Empty when {@code actor} holds {@code role}; otherwise why not, and what to do. */
    public Optional<String> require(Actor actor, Role role, String toDo) {
        if (rolesOf(actor).contains(role)) {
            return Optional.empty();
        }
        return Optional.of(actor + " (" + actor.id() + ") lacks the " + role.word() + " role needed to " + toDo
                + ". An admin can grant it in " + grantKeys(List.of(role), actor.platform()) + ".");
    }

    /** Empty when {@code actor} may start {@code procedureId} in {@code channel}. */
    public Optional<String> mayStart(Actor actor, String procedureId, String channel) {
        AccessSettings.ProcedureRule rule = settings.procedures().get(procedureId);
        List<Role> allowed = rule == null || rule.start().isEmpty() ? List.of(Role.OPERATOR) : rule.start();
        Set<Role> held = rolesOf(actor);
        if (allowed.stream().noneMatch(held::contains)) {
            return Optional.of(actor + " (" + actor.id() + ") may not start " + procedureId + ": it needs the "
                    + String.join(" or ", allowed.stream().map(Role::word).toList()) + " role. An admin can grant it"
                    + " in " + grantKeys(allowed, actor.platform()) + ".");
        }
        if (rule != null && !rule.channels().isEmpty() && !rule.channels().contains(channel)) {
            return Optional.of(procedureId + " may not run in " + channel + "; it runs only in "
                    + String.join(", ", rule.channels()) + " (ferry.access.procedures." + procedureId + ".channels).");
        }
        return Optional.empty();
    }

    /** Whether every powershell step of the procedure needs an approval, not only those marked on-call. */
    public boolean approveEveryScript(String procedureId) {
        AccessSettings.ProcedureRule rule = settings.procedures().get(procedureId);
        return rule != null && rule.approveEveryScript();
    }

    public java.time.Duration approvalExpiry() {
        return settings.approvalExpiry();
    }

    private static boolean holds(AccessSettings.Members members, Actor actor) {
        return switch (actor.platform()) {
            case "console" -> matches(members.console(), actor.userId());
            case "slack" -> matches(members.slackUsers(), actor.userId())
                    || actor.groups().stream().anyMatch(members.slackGroups()::contains);
            case "discord" -> matches(members.discordUsers(), actor.userId())
                    || actor.groups().stream().anyMatch(members.discordRoles()::contains);
            default -> false;
        };
    }

    private static boolean matches(List<String> ids, String userId) {
        return ids.contains("*") || ids.contains(userId);
    }

    /** Where each of {@code roles} is granted to people of {@code platform}: the configuration keys, in full. */
    private static String grantKeys(List<Role> roles, String platform) {
        return String.join(" or ", roles.stream()
                .map(role -> "ferry.access.roles." + role.word() + "." + listFor(platform)).toList());
    }

    private static String listFor(String platform) {
        return Map.of("console", "console", "slack", "slack-users (or slack-groups)",
                "discord", "discord-users (or discord-roles)").getOrDefault(platform, "console");
    }
}
