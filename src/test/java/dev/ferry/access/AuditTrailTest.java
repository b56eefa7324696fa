package dev.ferry.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AuditTrailTest {

    @Test
    void theTrailOffersOnlyAppendAndRead() {
        List<String> methods = Arrays.stream(AuditTrail.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).map(Method::getName).sorted().toList();
        assertThat(methods).containsExactly("append", "ofRun", "refusalsSince");
    }

    @Test
    void noCodeUpdatesOrDeletesTheAuditTable() throws IOException {
        Pattern changes = Pattern.compile("(?is)(update\\s+audit_event|delete\\s+from\\s+audit_event|truncate\\s+"
                + "(table\\s+)?audit_event|drop\\s+table\\s+audit_event|alter\\s+table\\s+audit_event)");
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            List<Path> offenders = files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".sql"))
                    .filter(f -> {
                        try {
                            return changes.matcher(Files.readString(f)).find();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
            assertThat(offenders).isEmpty();
        }
    }

    @Test
    void exportsJsonLinesAndCsvThatSpreadsheetsCannotTurnIntoFormulas() throws IOException {
        Actor mallory = new Actor("slack", "U9", "=HYPERLINK(\"http://x\")");
        List<AuditEntry> entries = List.of(
                new AuditEntry(1L, Instant.parse("2026-11-21T10:00:00Z"), "R1", AuditEntry.Kind.COMMAND, "slack",
                        mallory.id(), mallory.displayName(), null, null, null, null, null, "start x a=\"b, c\"\nnext"),
                new AuditEntry(2L, Instant.parse("2026-11-21T10:00:01Z"), "R1", AuditEntry.Kind.EXECUTION_ENDED,
                        "ferry", "ferry:engine", "Ferry", "stop", 2, "host.example", 0, "ab12", "succeeded"));

        List<String> lines = AuditExport.jsonLines(entries).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("actor_name").asText()).isEqualTo("=HYPERLINK(\"http://x\")");
        assertThat(first.get("detail").asText()).isEqualTo("start x a=\"b, c\"\nnext");
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertThat(second.get("exit_code").asLong()).isZero();
        assertThat(second.get("attempt").asLong()).isEqualTo(2);

        String csv = AuditExport.csv(entries);
        assertThat(csv).startsWith("id,at,run_id,kind,platform,actor_id,actor_name,step_id,attempt,host,exit_code,"
                + "script_sha256,detail\r\n");
        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://x\"\")\",");
        assertThat(csv).contains("\"start x a=\"\"b, c\"\"\nnext\"\r\n");
        assertThat(csv).contains("2,2026-11-21T10:00:01Z,R1,EXECUTION_ENDED,ferry,ferry:engine,Ferry,stop,2,"
                + "host.example,0,ab12,succeeded\r\n");
    }
}
