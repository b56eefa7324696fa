package dev.ferry.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A value of the wrong shape (a number where a list belongs, a list where text belongs) is named in words: what
 * the key takes and what the file has. Jackson's own message names Java types, which a person editing YAML
 * cannot act on.
 */
class ValueShapeTest {

    private static final String VALID_HEAD = """
            id: demo
            title: Demo
            source: tests
            """;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "steps: 3|steps|a list|a number",
            "steps: just text|steps|a list|text",
            "parameters: [a, b]|parameters|a mapping|a list",
            "title: [a, b]\\nsteps: []|title|text|a list",
            "version: many\\nsteps: []|version|a whole number|text",
    })
    void aValueOfTheWrongShapeIsNamedInWords(String lines, String field, String takes, String found) {
        String text = VALID_HEAD.replace("title: Demo\n", lines.contains("title:") ? "" : "title: Demo\n")
                + lines.replace("\\n", "\n") + "\n";
        ProcedureFileException e = catchThrowableOfType(ProcedureFileException.class,
                () -> ProcedureLoader.parse(Path.of("demo.yml"), text));
        assertThat(e).as("rejected:%n%s", text).isNotNull();
        ProcedureFileException.Problem problem = e.problems().stream().filter(p -> p.field().equals(field))
                .findFirst().orElseThrow(() -> new AssertionError("no problem at " + field + ": " + e.problems()));
        assertThat(problem.message()).contains("takes " + takes, "has " + found)
                .doesNotContain("`", "java.", "JsonToken", "dev.ferry", "Cannot deserialize", "Exception");
    }
}
