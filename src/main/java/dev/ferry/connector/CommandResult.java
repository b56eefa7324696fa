package dev.ferry.connector;

import java.time.Duration;

/** What every connector returns for one script, whatever the transport. */
public record CommandResult(int exitCode, String stdout, String stderr, boolean timedOut, Duration duration) {

    /** Exit code reported when a script did not end by itself. */
    public static final int NO_EXIT_CODE = -1;

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    public static CommandResult timedOut(String stdout, String stderr, Duration duration) {
        return new CommandResult(NO_EXIT_CODE, stdout, stderr, true, duration);
    }
}
