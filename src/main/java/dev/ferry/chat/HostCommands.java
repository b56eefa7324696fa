package dev.ferry.chat;

import dev.ferry.access.AuditEntry;
import dev.ferry.connector.HostPreflight;
import dev.ferry.procedure.QuotedInput;

/** {@code /migrate hosts} and {@code check <host>}: the inventory, and the read-only check of one host. */
final class HostCommands {

    private final HostPreflight preflight;
    private final CatalogReplies replies;

    HostCommands(HostPreflight preflight, CatalogReplies replies) {
        this.preflight = preflight;
        this.replies = replies;
    }

    Handled handle(Command.OnHosts command) {
        if (command instanceof Command.Check check) {
            // A check that fails is the command's result, not a refusal.
            return new Handled(check(check.host()), null, AuditEntry.Kind.COMMAND);
        }
        return new Handled(replies.hosts(), null);
    }

    /** Runs the host preflight and waits for it (at most ferry.preflight.timeout). */
    private Reply check(String hostName) {
        try {
            return preflight.check(hostName).map(HostReplies::preflight)
                    .orElseGet(() -> Reply.error("There is no host " + QuotedInput.of(hostName)
                            + " in the inventory."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error("The check of " + hostName + " was interrupted: Ferry is stopping.");
        }
    }
}
