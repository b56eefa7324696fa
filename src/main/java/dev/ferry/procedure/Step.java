package dev.ferry.procedure;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One unit of a procedure that a person confirms.
 *
 * @param target  name of the {@code host} parameter the script runs on; null for manual steps
 *                without a target
 * @param script  PowerShell body; parameters reach it only as bound variables ({@code $name})
 * @param when    condition on the parameters; {@link Condition#ALWAYS} when the file has none
 * @param timeout how long a script may run before Ferry stops waiting for it
 * @param needs   what the step reaches beyond its target (the second hop); empty for most steps
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
        String warning,
        List<Need> needs) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public Step {
        needs = needs == null ? List.of() : List.copyOf(needs);
    }

    /** A step without needs. */
    public Step(String id, String title, StepKind kind, String target, String script, String instructions,
            Condition when, Approval approval, boolean idempotent, Duration timeout, String warning) {
        this(id, title, kind, target, script, instructions, when, approval, idempotent, timeout, warning, List.of());
    }

    public Optional<String> warningText() {
        return Optional.ofNullable(warning);
    }

    public Optional<String> instructionText() {
        return Optional.ofNullable(instructions);
    }
}
