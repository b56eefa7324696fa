package dev.ferry.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event the engine publishes, in order. */
final class RecordingListener implements RunEventListener {

    private final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void on(RunEvent event) {
        events.add(event);
    }

    List<RunEvent> of(String runId) {
        return events.stream().filter(e -> e.run().id().equals(runId)).toList();
    }

    List<RunEvent.StepChanged> changes(String runId, String stepId) {
        return of(runId).stream()
                .filter(e -> e instanceof RunEvent.StepChanged c && c.step().id().equals(stepId))
                .map(e -> (RunEvent.StepChanged) e).toList();
    }
}
