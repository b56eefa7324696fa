package dev.ferry.chat.slack;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * The Slack app's settings ({@code ferry.slack}). Tokens and the signing secret come from the environment
 * (FERRY_SLACK_BOT_TOKEN, FERRY_SLACK_APP_TOKEN, FERRY_SLACK_SIGNING_SECRET), never from a committed file.
 *
 * @param botToken      xoxb-…: posts and edits the run threads, opens forms; setting it turns Slack on
 * @param appToken      xapp-… with connections:write: Socket Mode's connection (socket mode only)
 * @param signingSecret verifies that HTTP requests come from Slack (http mode only)
 * @param mode          socket (default: an outbound WebSocket, no public URL) or http (Slack calls /slack/events)
 * @param apiUrl        Slack's Web API; changed only for tests or Slack's government cloud
 * @param outputLines   how many last lines of a script's output a step message shows
 * @param outputEvery   how often the message of a running script shows its newest output (Slack allows about one
 *                      edit per second per channel)
 * @param workers       threads that carry out commands and presses after Slack was answered, and post messages
 * @param answerWithin  how long a command may take to be answered in Slack's acknowledgement; a slower one is
 *                      acknowledged at once and answered later through the command's response URL
 * @param onCallMention the on-call user group's id ({@code S…}): a step that waits for an approval and an escalated
 *                      reminder mention it in the run's thread, a failed schedule fire in the fire's thread;
 *                      unset, nobody is mentioned
 * @param userGroupsKeptFor how long Ferry keeps who is in which Slack user group before asking Slack again
 *                      (Slack is asked only when a role is granted to {@code slack-groups})
 */
@Validated
@ConfigurationProperties("ferry.slack")
record SlackSettings(
        @Pattern(regexp = "xoxb-\\S+", message = "must be a bot token starting with xoxb- (FERRY_SLACK_BOT_TOKEN)")
        String botToken,
        @Pattern(regexp = "xapp-\\S+", message = "must be an app-level token starting with xapp- (FERRY_SLACK_APP_TOKEN)")
        String appToken,
        String signingSecret,
        @DefaultValue("socket") @NotNull Mode mode,
        @DefaultValue("https://slack.com/api/") @Pattern(regexp = "https?://\\S+/") String apiUrl,
        @DefaultValue("10") @Min(1) @Max(50) int outputLines,
        @DefaultValue("5s") @NotNull Duration outputEvery,
        @DefaultValue("4") @Min(1) @Max(64) int workers,
        @DefaultValue("1500ms") @NotNull Duration answerWithin,
        @Pattern(regexp = "S[A-Z0-9]+", message = "must be a Slack user group id like S0123ABCD (FERRY_SLACK_ON_CALL_MENTION);"
                + " a group's id is at the end of its link in Slack, or in usergroups.list")
        String onCallMention,
        @DefaultValue("1m") @NotNull Duration userGroupsKeptFor) {

    /** How Slack reaches Ferry. */
    enum Mode {
        /** Ferry opens a WebSocket to Slack: no public URL, works behind a firewall. */
        SOCKET,
        /** Slack sends signed HTTP requests to Ferry's /slack/events. */
        HTTP
    }

    @AssertTrue(message = "Socket Mode needs an app-level token: set FERRY_SLACK_APP_TOKEN=xapp-…"
            + " (Basic Information → App-Level Tokens, scope connections:write), or FERRY_SLACK_MODE=http")
    boolean isAppTokenSetForSocketMode() {
        return !StringUtils.hasText(botToken) || mode != Mode.SOCKET || StringUtils.hasText(appToken);
    }

    @AssertTrue(message = "HTTP mode needs the signing secret: set FERRY_SLACK_SIGNING_SECRET"
            + " (Basic Information → App Credentials)")
    boolean isSigningSecretSetForHttpMode() {
        return !StringUtils.hasText(botToken) || mode != Mode.HTTP || StringUtils.hasText(signingSecret);
    }

    @AssertTrue(message = "must be at least 1s: user-groups-kept-for is how long Slack's user groups are kept")
    boolean isUserGroupsKeptForPositive() {
        return userGroupsKeptFor == null || userGroupsKeptFor.compareTo(Duration.ofSeconds(1)) >= 0;
    }

    @AssertTrue(message = "must be shorter than Slack's 3 seconds: at most 2500ms")
    boolean isAnswerWithinShorterThanSlacksLimit() {
        return answerWithin == null || answerWithin.compareTo(Duration.ofMillis(2500)) <= 0;
    }

    /** Never prints the tokens or the secret. */
    @Override
    public String toString() {
        return "SlackSettings[mode=" + mode + ", apiUrl=" + apiUrl + ", botToken=" + (botToken == null ? "unset" : "set")
                + ", appToken=" + (appToken == null ? "unset" : "set")
                + ", signingSecret=" + (signingSecret == null ? "unset" : "set") + ", onCallMention=" + onCallMention + "]";
    }
}
