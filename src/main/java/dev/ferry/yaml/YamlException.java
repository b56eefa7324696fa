package dev.ferry.yaml;

/** A YAML file that does not fit what Ferry reads from it; {@link #problem()} says where and why. */
public class YamlException extends RuntimeException {

    private final transient YamlDocument.Problem problem;

    public YamlException(YamlDocument.Problem problem) {
        super(problem.message());
        this.problem = problem;
    }

    public YamlDocument.Problem problem() {
        return problem;
    }
}
