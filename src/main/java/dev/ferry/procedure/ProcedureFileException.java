package dev.ferry.procedure;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A procedure file that cannot be used, with every problem found in it, each at its line and field. */
public class ProcedureFileException extends RuntimeException {

    private final transient Path file;
    private final List<Problem> problems;

    public ProcedureFileException(Path file, List<Problem> problems) {
        super(describe(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(Path file, List<Problem> problems) {
        return problems.stream().map(p -> p.describe(file)).collect(Collectors.joining("\n"));
    }

    /**
     * @param line  1-based line of the field in the file, 0 when unknown
     * @param field path of the field, e.g. {@code steps[2].target}
     */
    public record Problem(int line, String field, String message) {
        String describe(Path file) {
            String where = line > 0 ? file + ":" + line : file.toString();
            return where + ": " + (field.isEmpty() ? "" : field + ": ") + message;
        }
    }
}
