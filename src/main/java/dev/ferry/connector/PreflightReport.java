package dev.ferry.connector;

import java.util.List;

/**
 * What {@code /migrate check <host>} found, free of any platform: one line per check, in the order they
 * depend on each other (a host that cannot be reached has no login to check).
 */
public record PreflightReport(String host, String address, String transport, List<Check> checks) {

    public PreflightReport {
        checks = List.copyOf(checks);
    }

    public enum Status { PASSED, FAILED, SKIPPED }

    /** @param detail what was found, or why it failed or was skipped */
    public record Check(String name, Status status, String detail) {
    }

    public boolean passed() {
        return checks.stream().noneMatch(c -> c.status() == Status.FAILED);
    }
}
