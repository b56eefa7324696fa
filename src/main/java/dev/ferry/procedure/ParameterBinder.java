package dev.ferry.procedure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Checks raw {@code name=value} pairs against a procedure's parameters and binds them. */
public final class ParameterBinder {

    private final Predicate<String> hostExists;

    /** @param hostExists whether a name is a host of the inventory */
    public ParameterBinder(Predicate<String> hostExists) {
        this.hostExists = hostExists;
    }

    /** @throws InvalidParametersException listing every unknown, missing or invalid parameter */
    public BoundParameters bind(Procedure procedure, Map<String, String> raw) {
        List<String> problems = new ArrayList<>();
        List<Parameter> missing = new ArrayList<>();
        for (String name : raw.keySet()) {
            if (procedure.parameter(name).isEmpty()) {
                problems.add("unknown parameter '" + name + "'; " + procedure.id() + " takes "
                        + (procedure.parameters().isEmpty() ? "no parameters"
                                : String.join(", ", procedure.parameters().stream().map(Parameter::name).toList())));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secrets = new HashSet<>();
        for (Parameter parameter : procedure.parameters()) {
            String value = raw.containsKey(parameter.name()) ? raw.get(parameter.name()) : parameter.defaultValue();
            if (value == null) {
                if (parameter.required()) {
                    missing.add(parameter);
                    problems.add("parameter " + parameter.name() + " is missing: "
                            + (parameter.description() == null ? "" : parameter.description() + "; ")
                            + "give " + parameter.name() + "=<" + parameter.rule() + ">");
                }
                continue;
            }
            Parameter.Checked checked = parameter.check(value, hostExists);
            if (checked.error() != null) {
                problems.add("parameter " + parameter.name() + ": " + checked.error());
                continue;
            }
            values.put(parameter.name(), checked.value());
            if (parameter.isSecret()) {
                secrets.add(parameter.name());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(problems, missing);
        }
        return new BoundParameters(values, secrets);
    }
}
