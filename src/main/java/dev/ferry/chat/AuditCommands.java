package dev.ferry.chat;

import dev.ferry.access.AuditEntry;
import dev.ferry.access.AuditExport;
import dev.ferry.access.AuditTrail;
import dev.ferry.run.RunEngine;
import java.time.Clock;
import java.util.List;

/** {@code /migrate audit <run>} and {@code audit refusals [since]}: the audit trail, handed over as files. */
final class AuditCommands {

    private final AuditTrail audit;
    private final RunEngine engine;
    private final RefusalReplies refusals;

    AuditCommands(AuditTrail audit, RunEngine engine, Clock clock) {
        this.audit = audit;
        this.engine = engine;
        this.refusals = new RefusalReplies(audit, clock);
    }

    Handled handle(Command.OnAudit command) {
        if (command instanceof Command.AuditRun run) {
            return new Handled(engine.snapshot(run.runId()).isPresent() ? files(run.runId())
                    : RunCommands.noRun(run.runId()), run.runId());
        }
        return new Handled(refusals.export(((Command.AuditRefusals) command).since()), null);
    }

    private Reply files(String runId) {
        List<AuditEntry> entries = audit.ofRun(runId);
        return new Reply.Builder()
                .line("Audit trail of run " + runId + ": " + entries.size() + " entries, as JSON lines and as CSV.")
                .attach(new Reply.Attachment(runId + "-audit.jsonl", "application/x-ndjson", AuditExport.jsonLines(entries)))
                .attach(new Reply.Attachment(runId + "-audit.csv", "text/csv", AuditExport.csv(entries)))
                .build(true);
    }
}
