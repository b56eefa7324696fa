package dev.ferry.chat;

import dev.ferry.access.Actor;
import dev.ferry.access.AuditEntry;
import dev.ferry.procedure.BoundParameters;
import dev.ferry.procedure.InvalidParametersException;
import dev.ferry.procedure.ParameterBinder;
import dev.ferry.procedure.Procedure;
import dev.ferry.run.Action;
import dev.ferry.run.Press;
import dev.ferry.run.Run;
import dev.ferry.run.RunEngine;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /migrate start}, {@code plan}, {@code status}, {@code resume}, {@code abort} and the step buttons: what
 * people do to runs, bound against the procedure and handed to the engine, its answer in words.
 */
final class RunCommands {

    /** A rejection's reason is kept in the step's note and shown on its message: a sentence or a few, not a file. */
    static final int REASON_LIMIT = 1_000;

    private final RunEngine engine;
    private final ParameterBinder binder;
    private final CatalogReplies catalogReplies;

    RunCommands(RunEngine engine, ParameterBinder binder, CatalogReplies catalogReplies) {
        this.engine = engine;
        this.binder = binder;
        this.catalogReplies = catalogReplies;
    }

    Handled handle(Command.OnRuns command, Actor actor, String channel) {
        if (command instanceof Command.Start start) {
            return start(start.procedure(), start.parameters(), actor, channel);
        }
        if (command instanceof Command.Plan plan) {
            return new Handled(plan(plan.procedure(), plan.parameters()), null);
        }
        if (command instanceof Command.Resume resume) {
            return new Handled(resume(resume.runId(), actor, resume.secrets()), resume.runId());
        }
        if (command instanceof Command.Abort abort) {
            return new Handled(reply(RefusalWords.of(engine.abort(abort.runId(), actor))), abort.runId());
        }
        String runId = ((Command.Status) command).runId();
        return new Handled(runId == null ? RunReplies.active(engine.active()) : engine.snapshot(runId)
                .map(snapshot -> RunReplies.one(snapshot, engine.missingSecrets(snapshot.run().id())))
                .orElseGet(() -> noRun(runId)), runId);
    }

    /** Starts a run of {@code procedure}; missing required parameters (and nothing else wrong) ask with a form. */
    private Handled start(Procedure procedure, Map<String, String> parameters, Actor actor, String channel) {
        try {
            BoundParameters bound = binder.bind(procedure, parameters);
            Run run = engine.start(procedure, bound, actor, channel);
            return new Handled(started(run), run.id());
        } catch (InvalidParametersException e) {
            Reply invalid = invalid(procedure, e);
            if (!e.onlyMissing()) {
                return new Handled(invalid, null);
            }
            Reply.Builder out = new Reply.Builder();
            invalid.parts().forEach(part -> out.line(((Reply.Text) part).text()));
            return new Handled(out.form(new Reply.Form(procedure.id(), procedure.title(), e.missing(), parameters))
                    .buildError(), null);
        }
    }

    /**
     * A press on the step {@code button} names, as the engine takes or refuses it. The engine files a press it
     * takes with the change it makes; a refusal is filed here against the step, in the words the person reads.
     */
    Handled press(ButtonRef button, Action action, Actor actor, String reason) {
        String stripped = reason == null ? "" : reason.strip();
        int reasonLength = stripped.codePointCount(0, stripped.length());
        if (reasonLength > REASON_LIMIT) {
            return new Handled(Reply.error("A reason of " + reasonLength + " characters is longer than the "
                    + REASON_LIMIT + " a step's message keeps; say it shorter and press again. Nothing was changed."),
                    button.runId());
        }
        Outcome outcome = RefusalWords.of(engine.press(new Press(button.runId(), button.stepId(), button.attempt(),
                action, actor, reason)));
        if (outcome.accepted()) {
            return Handled.filedByEngine(reply(outcome), button.runId());
        }
        return new Handled(reply(outcome), button.runId(), AuditEntry.Kind.REFUSED, button,
                action.word() + (stripped.isEmpty() ? "" : ", reason: " + stripped) + " → " + outcome.message());
    }

    static Reply noRun(String id) {
        return Reply.error("There is no run " + id + ". /migrate status lists the active runs.");
    }

    static Reply reply(Outcome outcome) {
        return outcome.accepted() ? Reply.info(outcome.message()) : Reply.error(outcome.message());
    }

    /** Secrets given again must reach the host as typed, as at start (ParameterBinder#brokenCharacter). */
    private Reply resume(String runId, Actor actor, Map<String, String> secrets) {
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            Optional<String> broken = ParameterBinder.brokenCharacter(secret.getValue());
            if (broken.isPresent()) {
                return Reply.error("Secret " + secret.getKey() + " " + broken.get() + ". Nothing was resumed.");
            }
        }
        return reply(RefusalWords.of(engine.resume(runId, actor, secrets)));
    }

    private Reply plan(Procedure procedure, Map<String, String> parameters) {
        try {
            return catalogReplies.plan(procedure, binder.bind(procedure, parameters));
        } catch (InvalidParametersException e) {
            return invalid(procedure, e);
        }
    }

    private static Reply invalid(Procedure procedure, InvalidParametersException e) {
        Reply.Builder out = new Reply.Builder().line("The parameters do not fit " + procedure.id() + ":");
        e.problems().forEach(p -> out.line("• " + p));
        return out.line("Nothing was started. /migrate show " + procedure.id() + " lists its parameters.").buildError();
    }

    private static Reply started(Run run) {
        return new Reply.Builder().line("Started run " + run.id() + " of " + run.procedureId()
                + ". Its steps follow in the run's thread; /migrate status " + run.id() + " shows where it stands.")
                .build(true);
    }
}
