package dev.ferry.chat;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a step button points at: the run, the step and the attempt it was shown for, so a press on an older
 * attempt changes nothing. Written as {@code run:step:attempt} (e.g. {@code R3:stop-service:2}) wherever a
 * platform keeps a button's value; {@link #parse} is the one place that value is read back.
 */
public record ButtonRef(String runId, String stepId, int attempt) {

    /** A run id as Ferry hands them out; bounded, so a long one is refused before it reaches the trail. */
    static final Pattern RUN_ID = Pattern.compile("R\\d{1,18}");
    /** A step id as procedure files may declare it (ProcedureLoader), bounded like its audit column. */
    private static final Pattern STEP_ID = Pattern.compile("(?=.{1,128}$)[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern ATTEMPT = Pattern.compile("\\d{1,9}");

    /** The button of the step a step message shows, at the attempt it shows. */
    public static ButtonRef of(StepView view) {
        return new ButtonRef(view.event().run().id(), view.record().stepId(), view.record().attempt());
    }

    /** The reference a button value names, or empty when it is not one Ferry writes. */
    public static Optional<ButtonRef> parse(String value) {
        String[] parts = value == null ? new String[0] : value.split(":", -1);
        if (parts.length != 3 || !RUN_ID.matcher(parts[0]).matches() || !STEP_ID.matcher(parts[1]).matches()
                || !ATTEMPT.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ButtonRef(parts[0], parts[1], Integer.parseInt(parts[2])));
    }

    /** Whether {@code text} is a run id as Ferry hands them out. */
    static boolean isRunId(String text) {
        return text != null && RUN_ID.matcher(text).matches();
    }

    /** The button value: {@code run:step:attempt}. */
    @Override
    public String toString() {
        return runId + ":" + stepId + ":" + attempt;
    }
}
