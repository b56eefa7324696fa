package dev.ferry.procedure;

import java.util.List;

/** Parameters that do not fit a procedure: each problem names the parameter, the value and the rule. */
public class InvalidParametersException extends RuntimeException {

    private final List<String> problems;
    private final List<Parameter> missing;

    public InvalidParametersException(List<String> problems, List<Parameter> missing) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.missing = List.copyOf(missing);
    }

    public List<String> problems() {
        return problems;
    }

    /** Required parameters that were not given at all; a chat form can ask for exactly these. */
    public List<Parameter> missing() {
        return missing;
    }
}
