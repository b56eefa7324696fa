package dev.ferry.chat;

import dev.ferry.access.AuditEntry;
import dev.ferry.connector.HostInventory;
import dev.ferry.connector.HostPreflight;
import dev.ferry.procedure.QuotedInput;

/** {@code /migrate hosts} and {@code check <host>}: the inventory, and the read-only check of one host. */
final class HostCommands {

    private final HostInventory inventory;
    private final HostPreflight preflight;
    private final CatalogReplies replies;

    HostCommands(HostInventory inventory, HostPreflight preflight, CatalogReplies replies) {
        this.inventory = inventory;
        this.preflight = preflight;
        this.replies = replies;
    }

    Handled handle(ChatCommand command) {
        return switch (command.verb()) {
            case "hosts" -> Handled.of(replies.hosts(), command);
            // A check of a known host that fails is the command's result, not a refusal.
            case "check" -> command.argument() != null && inventory.contains(command.argument())
                    ? new Handled(check(command.argument()), null, AuditEntry.Kind.COMMAND)
                    : Handled.of(check(command.argument()), command);
            default -> throw new IllegalArgumentException("not a host verb: " + command.verb());
        };
    }

    /** Runs the host preflight and waits for it (at most ferry.preflight.timeout). */
    private Reply check(String hostName) {
        if (hostName == null) {
            return Reply.error("/migrate check needs a host, e.g. /migrate check spe-ih-01. /migrate hosts lists them.");
        }
        if (!inventory.contains(hostName)) {
            return Reply.error("There is no host " + QuotedInput.of(hostName) + " in the inventory. /migrate hosts"
                    + " lists them.");
        }
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
