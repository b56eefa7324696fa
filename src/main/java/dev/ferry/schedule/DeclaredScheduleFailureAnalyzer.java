package dev.ferry.schedule;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns schedules declared in the configuration that do not fit into a start-up message naming each key. */
class DeclaredScheduleFailureAnalyzer extends AbstractFailureAnalyzer<DeclaredSchedules.DeclaredScheduleException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DeclaredSchedules.DeclaredScheduleException cause) {
        return new FailureAnalysis("Ferry cannot create the schedules declared in its configuration:\n"
                + String.join("\n", cause.problems()),
                "Correct the keys named above under ferry.schedules.declared (config/application.yml), then start"
                        + " Ferry again. docs/schedules.md describes every field.", cause);
    }
}
