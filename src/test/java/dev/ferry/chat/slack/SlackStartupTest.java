package dev.ferry.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FailedStart;
import org.junit.jupiter.api.Test;

/** A Slack configuration that cannot work stops Ferry at start-up, saying which variable to set; no secret is printed. */
class SlackStartupTest {

    @Test
    void socketModeWithoutAnAppTokenNamesTheVariable() {
        String printed = failedStart("--ferry.slack.bot-token=xoxb-secret-bot-token");

        assertThat(printed).contains("Socket Mode needs an app-level token: set FERRY_SLACK_APP_TOKEN")
                .doesNotContain("secret-bot-token");
    }

    @Test
    void httpModeWithoutTheSigningSecretNamesTheVariable() {
        String printed = failedStart("--ferry.slack.bot-token=xoxb-secret-bot-token", "--ferry.slack.mode=http");

        assertThat(printed).contains("HTTP mode needs the signing secret: set FERRY_SLACK_SIGNING_SECRET")
                .doesNotContain("secret-bot-token");
    }

    @Test
    void aTokenOfTheWrongKindIsRefused() {
        String printed = failedStart("--ferry.slack.bot-token=xapp-pasted-in-the-wrong-place",
                "--ferry.slack.app-token=xapp-pasted-in-the-wrong-place");

        assertThat(printed).contains("must be a bot token starting with xoxb- (FERRY_SLACK_BOT_TOKEN)");
    }

    @Test
    void aBotTokenSlackRefusesStopsFerryWithSlacksReason() {
        try (FakeSlackApi slack = FakeSlackApi.start()) {
            slack.fail("auth.test", "invalid_auth");
            String printed = failedStart("--ferry.slack.bot-token=xoxb-revoked-token",
                    "--ferry.slack.app-token=xapp-some-app-token", "--ferry.slack.api-url=" + slack.apiUrl());

            assertThat(printed).contains("Slack did not accept the bot token", "invalid_auth", "FERRY_SLACK_BOT_TOKEN")
                    .doesNotContain("xoxb-revoked-token");
        }
    }

    private static String failedStart(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--ferry.procedures.directory=src/test/resources/procedures";
        return FailedStart.printedBy(all);
    }
}
