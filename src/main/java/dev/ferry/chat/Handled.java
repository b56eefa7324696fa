package dev.ferry.chat;

import dev.ferry.access.AuditEntry;

/**
 * A handler's answer: the reply, the run it concerns and how the audit trail files it. A command answered with an
 * error was refused (nothing was done), except where the error is the command's own result (a failed host check).
 */
record Handled(Reply reply, String runId, AuditEntry.Kind kind) {

    Handled(Reply reply, String runId) {
        this(reply, runId, reply.error() ? AuditEntry.Kind.REFUSED : AuditEntry.Kind.COMMAND);
    }

    /** The reply to {@code command}, filed under the run it names, if any. */
    static Handled of(Reply reply, ChatCommand command) {
        return new Handled(reply, command.runId());
    }
}
