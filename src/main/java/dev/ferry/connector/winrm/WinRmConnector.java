package dev.ferry.connector.winrm;

import dev.ferry.connector.CommandResult;
import dev.ferry.connector.Connector;
import dev.ferry.connector.Host;
import dev.ferry.connector.OutputListener;
import dev.ferry.connector.PowerShellScript;
import dev.ferry.connector.Transport;
import java.time.Duration;

/** Runs scripts on Windows hosts through WinRM (WS-Management), one shell per step. */
public final class WinRmConnector implements Connector {

    private final WinRmSettings settings;

    public WinRmConnector(WinRmSettings settings) {
        this.settings = settings;
    }

    @Override
    public Transport transport() {
        return Transport.WINRM;
    }

    @Override
    public CommandResult execute(Host host, String secret, PowerShellScript script, Duration timeout,
                                 OutputListener output) throws InterruptedException {
        try (RemoteShell shell = RemoteShell.open(host, secret, settings)) {
            return shell.run(script, timeout, output);
        }
    }

    /** Logs in to the host and creates a shell, for several commands in a row; close it when done. */
    public RemoteShell open(Host host) throws InterruptedException {
        return RemoteShell.open(host, host.readCredential(), settings);
    }
}
