package dev.ferry.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * The port Slack's HTTP mode listens on (the only time Ferry opens one) is taken: names the port and the key.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class HttpPortFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

    private final Environment environment;

    HttpPortFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        String address = environment.getProperty("server.address", "");
        String where = (address.isBlank() ? "" : address.strip() + ":") + cause.getPort();
        return new FailureAnalysis("Ferry cannot listen for Slack on " + where + " (HTTP mode): another program"
                + " already uses port " + cause.getPort() + ".",
                "Stop that program, or set " + new SettingKey("server.port") + " to a free port (and the Request"
                        + " URLs of the Slack app to match), then start Ferry again.", cause);
    }
}
