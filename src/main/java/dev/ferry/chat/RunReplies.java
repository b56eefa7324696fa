package dev.ferry.chat;

import dev.ferry.run.Run;
import dev.ferry.run.RunSnapshot;
import dev.ferry.run.StepRecord;
import java.util.List;

/** Replies about runs: the list of active runs and one run's steps. */
final class RunReplies {

    private RunReplies() {
    }

    static Reply active(List<Run> runs) {
        if (runs.isEmpty()) {
            return Reply.info("No run is active. Start one with /migrate start <procedure> name=value ...");
        }
        Reply.Builder out = new Reply.Builder().line("Active runs (" + runs.size() + "):");
        for (Run run : runs) {
            out.line("• " + run.id() + " — " + run.procedureId() + ", started by " + run.requester()
                    + " in " + run.channel() + ", at step " + (run.currentIndex() + 1));
        }
        return out.line("One run's steps: /migrate status <run>").build(true);
    }

    /** @param missingSecrets secrets given at start that this Ferry no longer holds (it restarted since) */
    static Reply one(RunSnapshot snapshot, List<String> missingSecrets) {
        Run run = snapshot.run();
        Reply.Builder out = new Reply.Builder()
                .line("Run " + run.id() + " — " + snapshot.procedure().title() + " (" + run.procedureId() + " v"
                        + run.procedureVersion() + ")")
                .line("Status: " + run.status().words() + " · " + snapshot.settled() + "/" + snapshot.steps().size()
                        + " steps settled · started by " + run.requester() + " in " + run.channel())
                .line("Parameters: " + CatalogReplies.format(run.parameters()));
        if (!missingSecrets.isEmpty()) {
            out.line("Ferry restarted since this run started and no longer holds " + String.join(", ", missingSecrets)
                    + ": give " + (missingSecrets.size() == 1 ? "it" : "them") + " again with /migrate resume "
                    + run.id() + " " + missingSecrets.get(0) + "=<value> before a step that needs it.");
        }
        for (StepRecord record : snapshot.steps()) {
            boolean current = !run.status().ended() && record.index() == run.currentIndex();
            out.line((current ? "→ " : "  ") + (record.index() + 1) + ". " + record.stepId() + " — "
                    + record.state().words() + (record.attempt() > 1 ? " (attempt " + record.attempt() + ")" : "")
                    + (record.note() == null ? "" : " · " + record.note()));
        }
        return out.build(true);
    }
}
