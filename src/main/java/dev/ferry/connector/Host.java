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
 */
public record Host(
        String name,
        String address,
        Transport transport,
        String description,
        String exchange,
        List<ScriptedOutcome> simulate) {

    public Host {
        simulate = simulate == null ? List.of() : List.copyOf(simulate);
    }

    public Optional<String> exchangeVersion() {
        return Optional.ofNullable(exchange);
    }
}
