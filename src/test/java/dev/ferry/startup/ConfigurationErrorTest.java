package dev.ferry.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FailedStart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key whose value does not fit is named with where it was set and what it must be, in words: no Java type, no
 * class of Ferry's settings. A secret's value is not repeated.
 */
class ConfigurationErrorTest {

    @TempDir
    Path dir;

    @Test
    void aValueOfTheWrongFormInAFileIsNamedWithFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("site.yml"), """
                ferry:
                  reminders:
                    after: half an hour
                """);

        String printed = start("--spring.config.additional-location=" + file);

        assertThat(printed).contains("Ferry's configuration does not fit:",
                "ferry.reminders.after (" + file + ":3): 'half an hour' is not a duration such as 30s, 10m or 4h",
                "What to do: Correct the keys named above");
        FailedStart.assertOneBlock(printed);
    }

    @Test
    void aValueOutOfRangeIsNamedWithTheRule() {
        String printed = start("--ferry.engine.workers=0");

        assertThat(printed).contains("Ferry's configuration under ferry.engine does not fit:",
                "ferry.engine.workers (command line): must be greater than or equal to 1");
        FailedStart.assertOneBlock(printed);
    }

    @Test
    void aRuleOverSeveralKeysSaysWhatToSet() {
        String printed = start("--ferry.slack.bot-token=xoxb-configuration-test-token");

        assertThat(printed).contains("Ferry's configuration under ferry.slack does not fit:",
                "ferry.slack: Socket Mode needs an app-level token: set FERRY_SLACK_APP_TOKEN")
                .doesNotContain("xoxb-configuration-test-token", "SlackSettings", "appTokenSetForSocketMode");
        FailedStart.assertOneBlock(printed);
    }

    private static String start(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--ferry.procedures.directory=src/test/resources/procedures";
        return FailedStart.printedBy(all);
    }
}
