package dev.ferry.chat.thread;

import dev.ferry.chat.ReminderView;
import dev.ferry.chat.ScheduleNoticeView;
import dev.ferry.chat.StepView;
import dev.ferry.run.RunSnapshot;
import java.util.Set;

/**
 * What the presenter shows, platform-free: each platform's {@link ThreadPort} lays out every one of these (a test
 * fails when one has no layout on some platform).
 */
public sealed interface Shown {

    /** A run's header in its channel; its thread carries the steps. */
    record Header(RunSnapshot run) implements Shown {
    }

    /**
     * A step's message.
     *
     * @param liveOutput the newest lines of a script that still runs, or null to show the step's committed output
     * @param inFiles    what of the step is too long for the message and is in a file in the thread
     */
    record Step(StepView view, String liveOutput, Set<ThreadPort.Content> inFiles) implements Shown {
        public Step {
            inFiles = Set.copyOf(inFiles);
        }
    }

    /** The old message of a step shown again further down: it loses its buttons and points to the new one. */
    record Retired(StepView view) implements Shown {
    }

    /** A message of its own under a step that waits for an approval, calling the on-call group. */
    record ApprovalCall(StepView view) implements Shown {
    }

    /** A reminder of a step that waits for a person; an escalation calls the on-call group. */
    record Reminder(ReminderView reminder) implements Shown {
    }

    /** The last line of a run's thread: how it ended. */
    record Ended(RunSnapshot run) implements Shown {
    }

    /**
     * A schedule's notice.
     *
     * @param outputInFile whether the fire's whole output is in a file in the fire's thread
     */
    record Notice(ScheduleNoticeView view, boolean outputInFile) implements Shown {
    }
}
