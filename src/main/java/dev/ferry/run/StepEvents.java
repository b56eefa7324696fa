package dev.ferry.run;

import dev.ferry.procedure.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link RunEvent.StepChanged} that shows a step record: its host, its script as shown, its buttons,
 * and the run with that record in place, so that no adapter reads the run back to show it.
 */
final class StepEvents {

    private final ScriptRenderer renderer;

    StepEvents(ScriptRenderer renderer) {
        this.renderer = renderer;
    }

    RunEvent.StepChanged changed(RunSnapshot snapshot, StepRecord record) {
        Step step = snapshot.procedure().steps().get(record.index());
        String target = step.target() == null ? null : snapshot.run().parameters().get(step.target());
        String script = step.script() == null ? null
                : renderer.render(snapshot.procedure(), step, snapshot.run().parameters()).display();
        List<Action> actions = snapshot.run().status().ended() ? List.of() : record.state().actions(step.kind());
        List<StepRecord> steps = snapshot.steps();
        if (!steps.get(record.index()).equals(record)) {
            List<StepRecord> placed = new ArrayList<>(steps);
            placed.set(record.index(), record);
            steps = placed;
        }
        return new RunEvent.StepChanged(snapshot.run(), step, snapshot.steps().size(), record, target, script, actions,
                new RunSnapshot(snapshot.run(), snapshot.procedure(), List.copyOf(steps)));
    }
}
