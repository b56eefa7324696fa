package dev.ferry.procedure;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;

/** The shape of a procedure file exactly as written; {@link ProcedureLoader} turns it into a {@link Procedure}. */
record ProcedureSpec(
        String id,
        Integer version,
        String title,
        String source,
        String description,
        LinkedHashMap<String, ParameterSpec> parameters,
        List<StepSpec> steps) {

    record ParameterSpec(
            String type,
            String description,
            Boolean required,
            @JsonProperty("default") String defaultValue,
            String pattern,
            List<String> values) {
    }

    record StepSpec(
            String id,
            String title,
            String kind,
            String target,
            String script,
            String instructions,
            String when,
            String approval,
            Boolean idempotent,
            String timeout,
            String warning,
            List<Object> needs) {
    }
}
