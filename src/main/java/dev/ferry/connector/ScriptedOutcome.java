package dev.ferry.connector;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a simulated host answers to scripts that match a pattern: for demos and tests.
 *
 * @param match    regular expression searched in the script text
 * @param exitCode exit code to report
 * @param stdout   lines written to standard output, one every {@code lineDelay}
 * @param stderr   text written to standard error
 * @param delay    how long the script "runs" before it ends; longer than the step timeout means it times out
 */
public record ScriptedOutcome(
        Pattern match,
        int exitCode,
        List<String> stdout,
        String stderr,
        Duration lineDelay,
        Duration delay) {

    public ScriptedOutcome {
        stdout = stdout == null ? List.of() : List.copyOf(stdout);
        stderr = stderr == null ? "" : stderr;
        lineDelay = lineDelay == null ? Duration.ZERO : lineDelay;
        delay = delay == null ? Duration.ZERO : delay;
    }

    public static ScriptedOutcome failure(String match, int exitCode, String stderr) {
        return new ScriptedOutcome(Pattern.compile(match), exitCode, List.of(), stderr, null, null);
    }

    public static ScriptedOutcome hang(String match) {
        return new ScriptedOutcome(Pattern.compile(match), 0, List.of(), "", null, Duration.ofDays(1));
    }

    public static ScriptedOutcome slowOutput(String match, List<String> lines, Duration lineDelay) {
        return new ScriptedOutcome(Pattern.compile(match), 0, lines, "", lineDelay, null);
    }

    public boolean matches(String script) {
        return match.matcher(script).find();
    }
}
