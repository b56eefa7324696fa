package dev.ferry.procedure;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The procedures directory could not be loaded whole. */
public class ProcedureCatalogException extends RuntimeException {

    private final transient Path directory;
    private final List<ProcedureFileException> failures;

    public ProcedureCatalogException(Path directory, List<ProcedureFileException> failures, String reason) {
        super(reason != null ? reason : failures.stream().map(Throwable::getMessage).collect(Collectors.joining("\n")));
        this.directory = directory;
        this.failures = List.copyOf(failures);
    }

    public Path directory() {
        return directory;
    }

    public List<ProcedureFileException> failures() {
        return failures;
    }
}
