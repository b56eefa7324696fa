package dev.ferry.chat.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode: Ferry opens a WebSocket to Slack (the Java-WebSocket backend) and Slack sends commands, presses
 * and form submissions over it; Bolt acknowledges each envelope with what the handler answered. No port is
 * opened and no public URL is needed. Connects once Ferry is ready (after recovery), reconnects by itself.
 */
final class SocketModeConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocketModeConnection.class);

    private final Slack slack;
    private final App app;
    private final String appToken;
    private final int concurrency;
    private SocketModeApp socketMode;

    SocketModeConnection(Slack slack, App app, String appToken, int concurrency) {
        this.slack = slack;
        this.app = app;
        this.appToken = appToken;
        this.concurrency = concurrency;
    }

    /** @throws IllegalStateException when Slack refuses the app-level token, saying what to check */
    synchronized void start() {
        try {
            // Asked once here so that a wrong token stops Ferry with Slack's reason instead of a reconnect loop.
            AppsConnectionsOpenResponse check = slack.methods(appToken).appsConnectionsOpen(r -> r);
            if (!check.isOk()) {
                throw new IllegalStateException("Slack refused the app-level token (apps.connections.open: "
                        + check.getError() + "). Check FERRY_SLACK_APP_TOKEN (xapp-…, scope connections:write)"
                        + " and that Socket Mode is on in the app's settings.");
            }
            socketMode = new SocketModeApp(appToken, app, SocketModeClient.Backend.JavaWebSocket, concurrency);
            socketMode.startAsync();
            log.info("Slack Socket Mode connected");
        } catch (IOException | SlackApiException e) {
            throw new IllegalStateException("Ferry could not reach Slack to open Socket Mode: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Socket Mode could not start: " + e, e);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (socketMode != null) {
            socketMode.close();
            socketMode = null;
        }
    }
}
