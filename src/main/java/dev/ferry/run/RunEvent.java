package dev.ferry.run;

import dev.ferry.connector.OutputListener;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.Step;
import java.util.List;

/** What the engine tells chat adapters, always after the change it describes was committed. */
public sealed interface RunEvent {

    Run run();

    /**
     * A run was started; its steps follow as {@link StepChanged} events.
     *
     * @param started the run as its start left it (its first step posted): what a run's header shows
     */
    record RunStarted(Run run, Procedure procedure, RunSnapshot started) implements RunEvent {
    }

    /**
     * A step was posted or changed state. Adapters edit the step's message in place.
     *
     * @param script  the script as it runs, secrets masked; null for manual steps
     * @param target  the name of the host the script runs on, or null
     * @param actions the buttons to offer now
     * @param after   the run with this record in place, its procedure and every step: what a run's header shows
     */
    record StepChanged(Run run, Step step, int total, StepRecord record, String target, String script,
                       List<Action> actions, RunSnapshot after) implements RunEvent {
    }

    /** A line of a running script's output, scrubbed of secrets. */
    record StepOutput(Run run, Step step, OutputListener.Stream stream, String line) implements RunEvent {
    }

    /**
     * A step has waited for a person longer than configured: adapters post a reminder in the run's thread,
     * mentioning the on-call role when {@code escalate} is set. Nothing changed; the buttons are the step's own.
     *
     * @param waitingSince when the step began to wait in its current state
     * @param now          the run as it stands, for its header
     */
    record StepReminder(Run run, Step step, StepRecord record, java.time.Instant waitingSince, boolean escalate,
                        RunSnapshot now) implements RunEvent {
    }

    /** The run finished or was aborted. */
    record RunEnded(Run run, Procedure procedure, List<StepRecord> steps) implements RunEvent {

        /** The run as it ended, for its header. */
        public RunSnapshot ended() {
            return new RunSnapshot(run, procedure, steps);
        }
    }
}
