package dev.ferry.connector;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the connector of a host's transport. Whatever the transport, the host's own credential never leaves
 * here in output, a result or an error message: it is masked like a secret parameter.
 */
public final class Connectors {

    static final String MASK = "********";

    private final Map<Transport, Connector> byTransport = new EnumMap<>(Transport.class);

    public Connectors(List<Connector> connectors) {
        connectors.forEach(c -> byTransport.put(c.transport(), c));
    }

    public CommandResult execute(Host host, PowerShellScript script, Duration timeout, OutputListener output)
            throws InterruptedException {
        Connector connector = byTransport.get(host.transport());
        if (connector == null) {
            throw new ConnectorException("host " + host.name() + " uses transport " + host.transport().word()
                    + ", which this Ferry has no connector for; use one of " + byTransport.keySet().stream()
                            .map(Transport::word).toList() + " in config/hosts.yml");
        }
        String value = host.readCredential();
        if (value == null || value.isEmpty()) {
            return connector.execute(host, value, script, timeout, output);
        }
        try {
            CommandResult result = connector.execute(host, value, script, timeout,
                    (stream, line) -> output.line(stream, scrub(line, value)));
            return new CommandResult(result.exitCode(), scrub(result.stdout(), value), scrub(result.stderr(), value),
                    result.timedOut(), result.duration());
        } catch (ConnectorException e) {
            throw new ConnectorException(e.stage(), scrub(e.getMessage(), value), null);
        }
    }

    private static String scrub(String text, String secret) {
        return text == null ? null : text.replace(secret, MASK);
    }
}
