package dev.ferry.connector;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Picks the connector of a host's transport. */
public final class Connectors {

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
        return connector.execute(host, script, timeout, output);
    }
}
