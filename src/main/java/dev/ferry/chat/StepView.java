package dev.ferry.chat;

import dev.ferry.procedure.Approval;
import dev.ferry.procedure.Step;
import dev.ferry.run.Action;
import dev.ferry.run.RunEvent;
import dev.ferry.run.StepRecord;
import dev.ferry.run.StepState;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** How a step message reads on every platform; adapters only lay these parts out. */
public record StepView(RunEvent.StepChanged event) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    public Step step() {
        return event.step();
    }

    public StepRecord record() {
        return event.record();
    }

    /** "R3 · step 2/10" */
    public String position() {
        return event.run().id() + " · step " + (event.record().index() + 1) + "/" + event.total();
    }

    /** "powershell on spe-ih-01 · approval on-call · idempotent" */
    public String facts() {
        StringBuilder out = new StringBuilder(step().kind().word());
        if (event.target() != null) {
            out.append(" on ").append(event.target());
        }
        if (step().approval() == Approval.ON_CALL) {
            out.append(" · approval on-call");
        }
        if (step().kind().runsScript()) {
            out.append(" · timeout ").append(step().timeout().toString().substring(2).toLowerCase());
        }
        if (!step().when().isAlways()) {
            out.append(" · when ").append(step().when().text());
        }
        return out.toString();
    }

    /** Who did what and when, and how it ended: "succeeded · exit code 0 after 2 s · by alice 10:42:03". */
    public String status() {
        StepRecord record = event.record();
        StringBuilder out = new StringBuilder(record.state().words());
        if (record.attempt() > 1) {
            out.append(" · attempt ").append(record.attempt());
        }
        if (record.note() != null) {
            out.append(" · ").append(record.note());
        }
        if (record.state() == StepState.AWAITING_APPROVAL) {
            String requester = event.run().requester().displayName();
            String asker = record.actor();
            out.append(" · any on-call approver but ").append(requester)
                    .append(asker == null || asker.equals(requester) ? "" : " and " + asker).append(" may decide");
        }
        if (record.actor() != null && record.state() == StepState.EXECUTING) {
            out.append(" · started by ").append(record.actor());
        }
        if (record.state() == StepState.EXECUTING && record.startedAt() != null) {
            out.append(" at ").append(TIME.format(record.startedAt()));
        } else if (record.finishedAt() != null) {
            out.append(" · ").append(TIME.format(record.finishedAt()));
        }
        return out.toString();
    }

    /** Whether the step waits for the on-call group: adapters mention it. */
    public boolean awaitingApproval() {
        return event.record().state() == StepState.AWAITING_APPROVAL;
    }

    public List<Action> actions() {
        return event.actions();
    }

    /** Whether the message should show the whole step (it waits for a person) or one line of status. */
    public boolean needsPerson() {
        return !event.actions().isEmpty();
    }

    /** The last {@code lines} lines of the step's output, or empty. */
    public String outputTail(int lines) {
        String output = event.record().output();
        if (output == null || output.isBlank()) {
            return "";
        }
        List<String> all = output.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The value a button carries: run, step and attempt ({@link ButtonRef}), so a stale press can be recognised. */
    public String buttonValue() {
        return ButtonRef.of(this).toString();
    }
}
