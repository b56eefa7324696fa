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

    Handled handle(ChatCommand command) {
        Reply reply = command.argument() != null && CommandGrammar.isRefusals(command.argument())
                ? refusals.export(command.arguments().size() > 1 ? command.arguments().get(1) : null)
                : RunCommands.withRun(command, "audit",
                        id -> engine.snapshot(id).isPresent() ? files(id) : RunCommands.noRun(id));
        return Handled.of(reply, command);
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
