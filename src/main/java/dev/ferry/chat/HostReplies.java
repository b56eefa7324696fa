package dev.ferry.chat;

import dev.ferry.connector.PreflightReport;

/** Renders a host preflight: one line per check, and below a check what the host wrote that explains it. */
final class HostReplies {

    private HostReplies() {
    }

    static Reply preflight(PreflightReport report) {
        Reply.Builder out = new Reply.Builder().line("Check of " + report.host() + " (" + report.address() + " via "
                + report.transport() + "):");
        for (PreflightReport.Check check : report.checks()) {
            String mark = switch (check.status()) {
                case PASSED -> "✓";
                case FAILED -> "✗";
                case SKIPPED -> "–";
            };
            out.line(mark + " " + check.name() + ": " + check.detail());
            if (!check.output().isEmpty()) {
                out.code("text", String.join("\n", check.output()));
            }
        }
        out.line(report.passed() ? "Ready: procedures can run on " + report.host() + "."
                : "Not ready: fix what is marked ✗, then /migrate check " + report.host() + " again.");
        return report.passed() ? out.build(true) : out.buildError();
    }
}
