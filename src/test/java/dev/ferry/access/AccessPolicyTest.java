package dev.ferry.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static final AccessSettings.Members NOBODY = new AccessSettings.Members(List.of(), List.of(), List.of(),
            List.of(), List.of());

    private final AccessPolicy policy = new AccessPolicy(new AccessSettings(
            Map.of(Role.OPERATOR, new AccessSettings.Members(List.of("alice"), List.of("U0PERATOR"), List.of("S0PS"),
                            List.of("111"), List.of("222")),
                    Role.APPROVER, new AccessSettings.Members(List.of("*"), List.of(), List.of("S0NCALL"), List.of(),
                            List.of("333")),
                    Role.ADMIN, NOBODY),
            Map.of("galsync-update", new AccessSettings.ProcedureRule(List.of(Role.ADMIN, Role.APPROVER),
                            List.of("C0PS", "console"), false),
                    "exchange-2007-cross-forest", new AccessSettings.ProcedureRule(List.of(Role.OPERATOR), List.of(),
                            true)),
            Duration.ofHours(4)));

    @Test
    void mapsEachPlatformsIdentitiesAndGroupsToRoles() {
        assertThat(policy.rolesOf(new Actor("console", "alice", "alice"))).containsExactlyInAnyOrder(Role.OPERATOR,
                Role.APPROVER);
        assertThat(policy.rolesOf(new Actor("console", "zoe", "zoe"))).containsExactly(Role.APPROVER);
        assertThat(policy.rolesOf(new Actor("slack", "U0PERATOR", "op"))).containsExactly(Role.OPERATOR);
        assertThat(policy.rolesOf(new Actor("slack", "U9", "x", Set.of("S0PS")))).containsExactly(Role.OPERATOR);
        assertThat(policy.rolesOf(new Actor("slack", "U9", "x", Set.of("S0NCALL")))).containsExactly(Role.APPROVER);
        assertThat(policy.rolesOf(new Actor("slack", "U9", "x", Set.of("OTHER")))).isEmpty();
        assertThat(policy.rolesOf(new Actor("discord", "111", "d"))).containsExactly(Role.OPERATOR);
        assertThat(policy.rolesOf(new Actor("discord", "999", "d", Set.of("333")))).containsExactly(Role.APPROVER);
        // A Slack user id is not a Discord id, and a wildcard holds only on its own platform.
        assertThat(policy.rolesOf(new Actor("discord", "U0PERATOR", "d"))).isEmpty();
        assertThat(policy.rolesOf(new Actor("slack", "alice", "alice"))).isEmpty();
    }

    @Test
    void aRefusalNamesTheRoleAndWhereToGrantIt() {
        assertThat(policy.require(new Actor("slack", "U9", "mallory"), Role.ADMIN, "check hosts")).hasValue(
                "mallory (slack:U9) lacks the admin role needed to check hosts. An admin can grant it in"
                        + " ferry.access.roles.admin.slack-users (or slack-groups).");
        assertThat(policy.require(new Actor("console", "alice", "alice"), Role.OPERATOR, "x")).isEmpty();
    }

    @Test
    void proceduresMayLimitWhoStartsThemAndWhere() {
        Actor alice = new Actor("console", "alice", "alice");
        Actor oncall = new Actor("slack", "U7", "oncall", Set.of("S0NCALL"));
        assertThat(policy.mayStart(alice, "mailstore-spe-move-instance-host", "anywhere")).isEmpty();
        assertThat(policy.mayStart(new Actor("slack", "U9", "mallory"), "mailstore-spe-move-instance-host", "C1"))
                .get().asString().contains("may not start mailstore-spe-move-instance-host", "operator role");
        assertThat(policy.mayStart(alice, "galsync-update", "console")).isEmpty();
        assertThat(policy.mayStart(oncall, "galsync-update", "C0PS")).isEmpty();
        assertThat(policy.mayStart(oncall, "galsync-update", "C-RANDOM")).get().asString()
                .contains("galsync-update may not run in C-RANDOM; it runs only in C0PS, console");
        assertThat(policy.mayStart(new Actor("slack", "U0PERATOR", "op"), "galsync-update", "C0PS")).get().asString()
                .contains("needs the admin or approver role");
        assertThat(policy.approveEveryScript("exchange-2007-cross-forest")).isTrue();
        assertThat(policy.approveEveryScript("galsync-update")).isFalse();
        assertThat(policy.approveEveryScript("unknown")).isFalse();
    }

    @Test
    void aStartRefusalNamesTheFullKeyOfEveryRoleThatWouldDo() {
        assertThat(policy.mayStart(new Actor("slack", "U9", "mallory"), "mailstore-spe-move-instance-host", "C1"))
                .hasValue("mallory (slack:U9) may not start mailstore-spe-move-instance-host: it needs the operator"
                        + " role. An admin can grant it in ferry.access.roles.operator.slack-users (or slack-groups).");
        assertThat(policy.mayStart(new Actor("discord", "5", "dora"), "galsync-update", "C0PS")).get().asString()
                .endsWith("An admin can grant it in ferry.access.roles.admin.discord-users (or discord-roles) or"
                        + " ferry.access.roles.approver.discord-users (or discord-roles).")
                .doesNotContain("<role>");
    }
}
