package dev.ferry.procedure;

import java.time.Duration;
import java.util.Optional;

/**
 * One unit of a procedure that a person confirms.
 *
 * @param target  name of the {@code host} parameter the script runs on; null for manual steps
 *                without a target
 * @param script  PowerShell body; parameters reach it only as bound variables ({@code $name})
 * @param when    condition on the parameters; {@link Condition#ALWAYS} when the file has none
 * @param timeout how long a script may run before Ferry stops waiting for it
 */
public record Step(
        String id,
        String title,
        StepKind kind,
        String target,
        String script,
        String instructions,
        Condition when,
        Approval approval,
        boolean idempotent,
        Duration timeout,
        String warning) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public Optional<String> warningText() {
        return Optional.ofNullable(warning);
    }

    public Optional<String> instructionText() {
        return Optional.ofNullable(instructions);
    }
}
