package dev.ferry.run;

import dev.ferry.procedure.Procedure;
import java.util.List;

/** A run with its procedure (as it was when the run started) and every step record. */
public record RunSnapshot(Run run, Procedure procedure, List<StepRecord> steps) {

    public StepRecord current() {
        return run.currentIndex() < steps.size() ? steps.get(run.currentIndex()) : null;
    }

    /** Steps that reached an end state, for "progress x/y". */
    public long settled() {
        return steps.stream().filter(s -> s.state().terminal()).count();
    }
}
