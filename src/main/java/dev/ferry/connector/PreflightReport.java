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

    /**
     * @param detail what was found, or why it failed or was skipped
     * @param output lines the host wrote that explain a failure (a bounded excerpt), or none
     */
    public record Check(String name, Status status, String detail, List<String> output) {

        public Check {
            output = List.copyOf(output);
        }

        public Check(String name, Status status, String detail) {
            this(name, status, detail, List.of());
        }
    }

    public boolean passed() {
        return checks.stream().noneMatch(c -> c.status() == Status.FAILED);
    }
}
