package dev.ferry.run;

import dev.ferry.procedure.Step;
import java.util.List;

/** Builds the {@link RunEvent.StepChanged} that shows a step record: its host, its script as shown, its buttons. */
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
        return new RunEvent.StepChanged(snapshot.run(), step, snapshot.steps().size(), record, target, script, actions);
    }
}
