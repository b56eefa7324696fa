package dev.ferry.procedure;

import java.util.List;
import java.util.Optional;

/** A named, versioned list of steps with typed parameters, read from one file. */
public record Procedure(
        String id,
        int version,
        String title,
        String source,
        String description,
        List<Parameter> parameters,
        List<Step> steps) {

    public Procedure {
        parameters = List.copyOf(parameters);
        steps = List.copyOf(steps);
    }

    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Step> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    public int indexOf(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }
}
