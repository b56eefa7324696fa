package dev.ferry.run;

import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The procedure each run started with, as stored beside the run (a later edit of the file changes no run
 * already started), parsed once per process; and the run read with it.
 */
final class RunProcedures {

    private final RunRepository runs;
    private final Map<String, Procedure> parsed = new ConcurrentHashMap<>();

    RunProcedures(RunRepository runs) {
        this.runs = runs;
    }

    /** Remembers the procedure of a run just started, so it is never parsed again. */
    void remember(String runId, Procedure procedure) {
        parsed.put(runId, procedure);
    }

    Procedure of(Run run) {
        return parsed.computeIfAbsent(run.id(), id -> ProcedureLoader.parse(
                Path.of(run.procedureId() + ".yml"),
                runs.procedureText(id).orElseThrow()));
    }

    /** A run as committed, with its procedure and every step record. */
    Optional<RunSnapshot> snapshot(String runId) {
        return runs.find(runId).map(run -> new RunSnapshot(run, of(run), runs.steps(runId)));
    }
}
