package dev.ferry.chat;

import dev.ferry.access.AccessPolicy;
import dev.ferry.access.Actor;
import dev.ferry.access.Role;
import dev.ferry.run.Action;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one access check in front of every command and button, whatever the platform: which role each verb
 * and each button needs. Reading (help, list, show, status) is open; changing anything needs a role, and so
 * does reading trails: a run's for any role, everyone's refusals for an admin.
 */
final class CommandGuard {

    private final AccessPolicy access;
    private final Predicate<String> procedureExists;

    /** @param procedureExists whether a procedure id is in the catalog: one that is not is no one's to start */
    CommandGuard(AccessPolicy access, Predicate<String> procedureExists) {
        this.access = access;
        this.procedureExists = procedureExists;
    }

    /** Why {@code actor} may not run {@code command} here, or empty. */
    Optional<String> check(ChatCommand command, Actor actor, String channel) {
        return switch (command.verb()) {
            case "help", "list", "show", "status" -> Optional.empty();
            case "start" -> command.argument() == null ? Optional.empty()
                    : checkStart(command.argument(), actor, channel);
            case "plan", "resume", "abort", "hosts" -> access.require(actor, Role.OPERATOR, verbDoes(command.verb()));
            case "audit" -> command.argument() != null && CommandGrammar.isRefusals(command.argument())
                    ? access.require(actor, Role.ADMIN, "export the refusals of the audit trail")
                    : anyRole(actor);
            case "check" -> access.require(actor, Role.ADMIN, "check hosts");
            case "schedule" -> "list".equals(command.argument()) ? anyRole(actor)
                    : access.require(actor, Role.ADMIN, "change schedules");
            default -> Optional.empty();
        };
    }

    /**
     * Why {@code actor} may not start {@code procedureId} in {@code channel}, or empty; a procedure that is not in
     * the catalog is no one's to start, and is answered as unknown by the handler.
     */
    Optional<String> checkStart(String procedureId, Actor actor, String channel) {
        return procedureExists.test(procedureId) ? access.mayStart(actor, procedureId, channel) : Optional.empty();
    }

    /** Why {@code actor} may not press {@code action}, or empty. Who may approve what is the engine's rule. */
    Optional<String> check(Action action, Actor actor) {
        return action.decidesApproval()
                ? access.require(actor, Role.APPROVER, action.word() + " steps (the on-call group)")
                : access.require(actor, Role.OPERATOR, "press step buttons");
    }

    private Optional<String> anyRole(Actor actor) {
        if (!access.rolesOf(actor).isEmpty()) {
            return Optional.empty();
        }
        return access.require(actor, Role.OPERATOR, "read audit trails and schedules");
    }

    private static String verbDoes(String verb) {
        return switch (verb) {
            case "plan" -> "plan runs";
            case "resume" -> "resume runs";
            case "abort" -> "abort runs";
            default -> "list hosts";
        };
    }
}
