package dev.ferry.run;

import dev.ferry.procedure.BoundParameters;
import dev.ferry.procedure.Parameter;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values of secret parameters, held for each active run in this process's memory only: never in the
 * database or the audit trail, so a restart loses them and {@code /migrate resume} takes them again.
 */
final class RunSecrets {

    private final Map<String, Map<String, String>> held = new ConcurrentHashMap<>();

    /** Keeps the secrets a run was started with. */
    void hold(String runId, BoundParameters parameters) {
        if (parameters.secretNames().isEmpty()) {
            return;
        }
        Map<String, String> values = new ConcurrentHashMap<>();
        parameters.secretNames().stream().filter(name -> parameters.values().get(name) != null)
                .forEach(name -> values.put(name, parameters.values().get(name)));
        held.put(runId, values);
    }

    /** Keeps secrets given again (resume), beside those still held. */
    void add(String runId, Map<String, String> values) {
        if (!values.isEmpty()) {
            held.computeIfAbsent(runId, id -> new ConcurrentHashMap<>()).putAll(values);
        }
    }

    /** Forgets a run's secrets once it ended. */
    void forget(String runId) {
        held.remove(runId);
    }

    /** Values the scripts of a run see: the stored public values with held secrets laid over them. */
    Map<String, String> valuesOf(Run run) {
        Map<String, String> values = new LinkedHashMap<>(run.parameters());
        values.putAll(of(run.id()));
        return values;
    }

    /** Secrets given when the run started that this process does not hold (it restarted since). */
    List<String> missing(RunSnapshot snapshot) {
        Map<String, String> values = of(snapshot.run().id());
        return names(snapshot.procedure()).stream()
                .filter(name -> snapshot.run().parameters().containsKey(name) && !values.containsKey(name))
                .toList();
    }

    /** The missing secrets that the script of {@code step} needs; none for a step without a script. */
    List<String> missingFor(RunSnapshot snapshot, Step step) {
        if (step.script() == null) {
            return List.of();
        }
        // A secret counts as missing only if it was given when the run started (an optional one may be unset).
        return missing(snapshot).stream().filter(name -> ScriptRenderer.mentions(step.script(), name)).toList();
    }

    /** The names of a procedure's secret parameters, in file order. */
    static List<String> names(Procedure procedure) {
        return procedure.parameters().stream().filter(Parameter::isSecret).map(Parameter::name).toList();
    }

    private Map<String, String> of(String runId) {
        return held.getOrDefault(runId, Map.of());
    }
}
