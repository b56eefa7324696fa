package dev.ferry.chat;

import dev.ferry.access.AuditEntry;

/**
 * A handler's answer: the reply, the run it concerns and how the audit trail files it. A command answered with an
 * error was refused (nothing was done), except where the error is the command's own result (a failed host check).
 * The trail shows the request and the reply's first line, unless the answer says otherwise: {@code step} files it
 * against a step, {@code detail} is what the trail says instead, and no {@code kind} means the engine already
 * filed it with the change it made.
 */
record Handled(Reply reply, String runId, AuditEntry.Kind kind, ButtonRef step, String detail) {

    Handled(Reply reply, String runId, AuditEntry.Kind kind) {
        this(reply, runId, kind, null, null);
    }

    Handled(Reply reply, String runId) {
        this(reply, runId, reply.error() ? AuditEntry.Kind.REFUSED : AuditEntry.Kind.COMMAND);
    }

    /** The reply to {@code command}, filed under the run it names, if any. */
    static Handled of(Reply reply, ChatCommand command) {
        return new Handled(reply, command.runId());
    }

    /** A change the engine made and filed itself: nothing more goes in the trail. */
    static Handled filedByEngine(Reply reply, String runId) {
        return new Handled(reply, runId, null, null, null);
    }

    /** Whether the trail already holds this answer. */
    boolean filed() {
        return kind == null;
    }
}
