package dev.ferry.connector;

import java.util.List;
import java.util.Optional;

/**
 * An entry of the inventory.
 *
 * @param name        the name people use in chat and in procedure parameters
 * @param address     what the transport connects to; scripts see this as the value of a host parameter
 * @param exchange    the Exchange version the host runs, e.g. "2007", or null
 * @param simulate    for simulated hosts: answers to give to matching scripts, first match wins
 * @param endpoint    for WinRM and SSH hosts: port, login and TLS or host-key settings; null for simulated hosts
 */
public record Host(
        String name,
        String address,
        Transport transport,
        String description,
        String exchange,
        List<ScriptedOutcome> simulate,
        Endpoint endpoint) {

    public Host {
        simulate = simulate == null ? List.of() : List.copyOf(simulate);
    }

    /** A host without connection settings: a simulated one, or one a test builds. */
    public Host(String name, String address, Transport transport, String description, String exchange,
                List<ScriptedOutcome> simulate) {
        this(name, address, transport, description, exchange, simulate, null);
    }

    public Optional<String> exchangeVersion() {
        return Optional.ofNullable(exchange);
    }

    public boolean isExchange2007() {
        return "2007".equals(exchange);
    }

    /** The endpoint of a WinRM or SSH host. */
    public Endpoint requireEndpoint() {
        if (endpoint == null) {
            throw new ConnectorException("host " + name + " (" + transport.word() + ") has no port, auth, user or"
                    + " credential in config/hosts.yml; add them (docs/hosts-and-connectors.md, 'Connecting to real hosts')");
        }
        return endpoint;
    }

    /**
     * Reads the host's credential now; null for a host without an endpoint.
     *
     * @throws ConnectorException at the login stage, naming the reference, when it cannot be read
     */
    public String readCredential() {
        if (endpoint == null) {
            return null;
        }
        try {
            return endpoint.credential().resolve(name);
        } catch (ConnectorException e) {
            throw new ConnectorException(ConnectorException.Stage.LOGIN, e.getMessage(), null);
        }
    }
}
