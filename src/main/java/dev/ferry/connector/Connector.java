package dev.ferry.connector;

import java.time.Duration;

/** Runs a PowerShell script on a host. One implementation per {@link Transport}. */
public interface Connector {

    Transport transport();

    /**
     * Runs the script and waits for it, at most {@code timeout}; output goes to {@code output} as it comes.
     * A script that does not end in time is stopped and reported with {@link CommandResult#timedOut()}.
     *
     * @param secret the host's credential, already read ({@link Host#readCredential()}); null for a host without one
     * @throws ConnectorException when the host cannot be reached or refuses the login: the script did not run
     */
    CommandResult execute(Host host, String secret, PowerShellScript script, Duration timeout, OutputListener output)
            throws InterruptedException;

    /** Reads the host's credential, then runs the script as above. */
    default CommandResult execute(Host host, PowerShellScript script, Duration timeout, OutputListener output)
            throws InterruptedException {
        return execute(host, host.readCredential(), script, timeout, output);
    }
}
