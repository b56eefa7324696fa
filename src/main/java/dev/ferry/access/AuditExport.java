package dev.ferry.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A run's audit trail as files people can keep: JSON lines and CSV (RFC 4180). */
public final class AuditExport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COLUMNS = List.of("id", "at", "run_id", "kind", "platform", "actor_id",
            "actor_name", "step_id", "attempt", "host", "exit_code", "script_sha256", "detail");

    private AuditExport() {
    }

    public static String jsonLines(List<AuditEntry> entries) {
        StringBuilder out = new StringBuilder();
        for (AuditEntry entry : entries) {
            ObjectNode line = JSON.createObjectNode();
            List<Object> values = values(entry);
            for (int i = 0; i < COLUMNS.size(); i++) {
                Object value = values.get(i);
                if (value instanceof Number number) {
                    line.put(COLUMNS.get(i), number.longValue());
                } else {
                    line.put(COLUMNS.get(i), value == null ? null : value.toString());
                }
            }
            try {
                out.append(JSON.writeValueAsString(line)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an audit entry cannot be written as JSON", e);
            }
        }
        return out.toString();
    }

    public static String csv(List<AuditEntry> entries) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (AuditEntry entry : entries) {
            List<Object> values = values(entry);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(field(values.get(i)));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static List<Object> values(AuditEntry e) {
        return java.util.Arrays.asList(e.id(), e.at(), e.runId(), e.kind(), e.platform(), e.actorId(), e.actorName(),
                e.stepId(), e.attempt(), e.host(), e.exitCode(), e.scriptSha256(), e.detail());
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        // A cell that starts like a formula is prefixed so a spreadsheet does not run it.
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
