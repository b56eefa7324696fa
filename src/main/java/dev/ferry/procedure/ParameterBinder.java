package dev.ferry.procedure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        Map<String, String> byParameter = new LinkedHashMap<>();
        for (String name : raw.keySet()) {
            if (procedure.parameter(name).isEmpty()) {
                String problem = "unknown parameter; " + procedure.id() + " takes "
                        + (procedure.parameters().isEmpty() ? "no parameters"
                                : String.join(", ", procedure.parameters().stream().map(Parameter::name).toList()));
                problems.add("unknown parameter " + QuotedInput.of(name)
                        + problem.substring("unknown parameter".length()));
                byParameter.put(name, problem);
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secrets = new HashSet<>();
        for (Parameter parameter : procedure.parameters()) {
            String value = raw.containsKey(parameter.name()) ? raw.get(parameter.name()) : parameter.defaultValue();
            if (value == null) {
                if (parameter.required()) {
                    missing.add(parameter);
                    String problem = "is missing: " + (parameter.description() == null ? ""
                            : parameter.description() + "; ") + "give " + parameter.name() + "=<" + parameter.rule() + ">";
                    problems.add("parameter " + parameter.name() + " " + problem);
                    byParameter.put(parameter.name(), "required: " + parameter.rule());
                }
                continue;
            }
            Optional<String> broken = raw.containsKey(parameter.name()) ? brokenCharacter(value) : Optional.empty();
            if (broken.isPresent()) {
                problems.add("parameter " + parameter.name() + " " + broken.get());
                byParameter.put(parameter.name(), broken.get());
                continue;
            }
            Parameter.Checked checked = parameter.check(value, hostExists);
            if (checked.error() != null) {
                problems.add("parameter " + parameter.name() + ": " + checked.error());
                byParameter.put(parameter.name(), checked.error());
                continue;
            }
            values.put(parameter.name(), checked.value());
            if (parameter.isSecret()) {
                secrets.add(parameter.name());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(problems, missing, byParameter);
        }
        return new BoundParameters(values, secrets);
    }

    /**
     * Why {@code value} cannot reach a host intact, or empty: half of a UTF-16 surrogate pair without its other
     * half (a chat's JSON may carry one, e.g. <code>"&#92;ud800"</code>) would arrive there as '?'. Says where, and
     * never repeats the value, so it serves secrets too.
     */
    public static Optional<String> brokenCharacter(String value) {
        for (int i = 0, position = 1; i < value.length(); position++) {
            int codePoint = value.codePointAt(i);
            if (Character.getType(codePoint) == Character.SURROGATE) {
                return Optional.of("has a broken character at position " + position + ": half of a UTF-16"
                        + " surrogate pair (" + String.format("\\u%04X", codePoint) + ") without its other half, which"
                        + " the host would receive as '?'; type or paste that character again");
            }
            i += Character.charCount(codePoint);
        }
        return Optional.empty();
    }
}
