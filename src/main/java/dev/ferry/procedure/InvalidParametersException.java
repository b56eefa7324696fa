package dev.ferry.procedure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameters that do not fit a procedure: each problem names the parameter, the value and the rule. */
public class InvalidParametersException extends RuntimeException {

    private final List<String> problems;
    private final List<Parameter> missing;
    private final Map<String, String> byParameter;

    /** @param byParameter for each named parameter in error, its problem without the parameter's name */
    public InvalidParametersException(List<String> problems, List<Parameter> missing, Map<String, String> byParameter) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.missing = List.copyOf(missing);
        this.byParameter = Collections.unmodifiableMap(new LinkedHashMap<>(byParameter));
    }

    /** Problems per parameter (missing, invalid or unknown), for a form that shows each beside its field. */
    public Map<String, String> byParameter() {
        return byParameter;
    }

    /** Whether every problem is a required parameter that was not given: a form can ask for them. */
    public boolean onlyMissing() {
        return problems.size() == missing.size();
    }

    public List<String> problems() {
        return problems;
    }

    /** Required parameters that were not given at all; a chat form can ask for exactly these. */
    public List<Parameter> missing() {
        return missing;
    }
}
