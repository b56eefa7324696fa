package dev.ferry.access;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ferry.access}: who holds which role, and per procedure who may start it, where, and whether every
 * script needs an approval.
 *
 * @param roles          per role, the identities that hold it on each platform
 * @param procedures     per procedure id, its rules; procedures not named follow the defaults
 * @param approvalExpiry how long an approval request stays open before it must be asked again
 */
@Validated
@ConfigurationProperties("ferry.access")
public record AccessSettings(
        @DefaultValue Map<Role, Members> roles,
        @DefaultValue Map<String, ProcedureRule> procedures,
        @DefaultValue("4h") Duration approvalExpiry) {

    /**
     * The identities that hold a role. {@code "*"} in a list means everyone on that platform.
     *
     * @param console       console user names
     * @param slackUsers    Slack user ids (U…)
     * @param slackGroups   Slack user group ids (S…)
     * @param discordUsers  Discord user ids
     * @param discordRoles  Discord role ids
     */
    public record Members(
            @DefaultValue List<String> console,
            @DefaultValue List<String> slackUsers,
            @DefaultValue List<String> slackGroups,
            @DefaultValue List<String> discordUsers,
            @DefaultValue List<String> discordRoles) {
    }

    /**
     * @param start                roles that may start the procedure (default: operator)
     * @param channels             channels it may run in (default: any)
     * @param approveEveryScript   every powershell step needs an on-call approval, not only those marked
     */
    public record ProcedureRule(
            @DefaultValue("OPERATOR") List<Role> start,
            @DefaultValue List<String> channels,
            @DefaultValue("false") boolean approveEveryScript) {
    }
}
