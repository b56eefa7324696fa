package dev.ferry.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.ferry.access.AccessSettings;
import dev.ferry.access.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A Slack user's groups: asked of usergroups.list only when needed, kept for a while, and never a failure. */
@ExtendWith(OutputCaptureExtension.class)
class UserGroupsTest {

    private static final Duration KEPT_FOR = Duration.ofMinutes(1);

    private final FakeSlackApi slack = FakeSlackApi.start();
    private final MutableClock clock = new MutableClock();
    private final SlackApi api = new SlackApi(Slack.getInstance(config()).methods("xoxb-user-groups-test-token"));

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void slackIsNotAskedWhenNoRoleIsGrantedToAGroup() {
        slack.userGroup("S0ONCALL", "UBOB");
        AccessSettings byUserOnly = access(Map.of(Role.OPERATOR, members(List.of("UBOB"), List.of())));
        UserGroups groups = new UserGroups(api, UserGroups.needed(byUserOnly), KEPT_FOR, clock);

        assertThat(groups.actor("UBOB", "bob").groups()).isEmpty();
        assertThat(slack.calls("usergroups.list")).isEmpty();
    }

    @Test
    void groupsAreKeptForAWhileThenAskedForAgain() {
        slack.userGroup("S0ONCALL", "UBOB", "UCAROL");
        slack.userGroup("S0DBA", "UCAROL");
        AccessSettings byGroup = access(Map.of(Role.APPROVER, members(List.of(), List.of("S0ONCALL"))));
        UserGroups groups = new UserGroups(api, UserGroups.needed(byGroup), KEPT_FOR, clock);

        assertThat(groups.actor("UCAROL", "carol").groups()).containsExactlyInAnyOrder("S0ONCALL", "S0DBA");
        assertThat(groups.actor("UBOB", "bob").groups()).containsExactly("S0ONCALL");
        assertThat(groups.actor("UDAVE", null)).satisfies(dave -> {
            assertThat(dave.groups()).isEmpty();
            assertThat(dave.displayName()).isEqualTo("UDAVE");
        });
        assertThat(slack.calls("usergroups.list")).singleElement()
                .satisfies(call -> assertThat(call.param("include_users")).isIn("true", "1"));

        slack.userGroup("S0ONCALL", "UDAVE");
        clock.advance(KEPT_FOR.minusSeconds(1));
        assertThat(groups.of("UDAVE")).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(groups.of("UDAVE")).containsExactly("S0ONCALL");
        assertThat(groups.of("UBOB")).isEmpty();
        assertThat(slack.calls("usergroups.list")).hasSize(2);
    }

    @Test
    void whenSlackRefusesNobodyHasGroupsTheLogSaysWhyAndSlackIsAskedAgainSoon(CapturedOutput log) {
        slack.userGroup("S0ONCALL", "UBOB");
        slack.fail("usergroups.list", "missing_scope");
        AccessSettings byGroup = access(Map.of(Role.APPROVER, members(List.of(), List.of("S0ONCALL"))));
        UserGroups groups = new UserGroups(api, UserGroups.needed(byGroup), KEPT_FOR, clock);

        assertThat(groups.of("UBOB")).isEmpty();
        assertThat(groups.of("UBOB")).isEmpty();
        assertThat(slack.calls("usergroups.list")).hasSize(1);
        assertThat(log.getOut()).contains("Slack refused usergroups.list: missing_scope",
                "roles granted to slack-groups apply to nobody until Slack answers").doesNotContain("xoxb-");

        slack.recover();
        clock.advance(UserGroups.RETRY_AFTER_FAILURE.plusSeconds(1));
        assertThat(groups.of("UBOB")).containsExactly("S0ONCALL");
    }

    private SlackConfig config() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        config.setStatsEnabled(false);
        return config;
    }

    private static AccessSettings access(Map<Role, AccessSettings.Members> roles) {
        return new AccessSettings(roles, Map.of(), Duration.ofHours(4));
    }

    private static AccessSettings.Members members(List<String> slackUsers, List<String> slackGroups) {
        return new AccessSettings.Members(List.of(), slackUsers, slackGroups, List.of(), List.of());
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-21T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
