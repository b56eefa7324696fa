package dev.ferry.procedure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every procedure of the procedures directory, loaded once; one bad file stops Ferry from starting. */
public final class ProcedureCatalog {

    private final Map<String, Procedure> procedures;
    private final Map<String, String> texts;

    private ProcedureCatalog(Map<String, Procedure> procedures, Map<String, String> texts) {
        this.procedures = procedures;
        this.texts = texts;
    }

    /** @throws ProcedureCatalogException naming every file that could not be loaded, with its problems */
    public static ProcedureCatalog load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ProcedureCatalogException(directory, List.of(), "the procedures directory "
                    + directory.toAbsolutePath() + " does not exist; set ferry.procedures.directory"
                    + " or run Ferry from the project folder");
        }
        Map<String, Procedure> procedures = new TreeMap<>();
        Map<String, String> texts = new HashMap<>();
        List<ProcedureFileException> failures = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(ProcedureCatalog::isProcedureFile).sorted().toList()) {
                try {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    Procedure procedure = ProcedureLoader.parse(file, text);
                    procedures.put(procedure.id(), procedure);
                    texts.put(procedure.id(), text);
                } catch (ProcedureFileException e) {
                    failures.add(e);
                } catch (IOException e) {
                    failures.add(new ProcedureFileException(file, List.of(new ProcedureFileException.Problem(0, "",
                            "cannot be read: " + e.getMessage()))));
                }
            }
        } catch (IOException e) {
            throw new ProcedureCatalogException(directory, List.of(), "cannot list " + directory + ": " + e.getMessage());
        }
        if (!failures.isEmpty()) {
            throw new ProcedureCatalogException(directory, failures, null);
        }
        return new ProcedureCatalog(procedures, texts);
    }

    private static boolean isProcedureFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yml") || name.endsWith(".yaml"));
    }

    public Optional<Procedure> find(String id) {
        return Optional.ofNullable(procedures.get(id));
    }

    /** The file's text as loaded: a run keeps a copy, so edits to the file do not change runs under way. */
    public Optional<String> text(String id) {
        return Optional.ofNullable(texts.get(id));
    }

    public Collection<Procedure> all() {
        return procedures.values();
    }
}
