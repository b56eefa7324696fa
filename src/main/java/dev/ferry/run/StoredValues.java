package dev.ferry.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How Ferry's repositories (runs, schedules) write values into their tables and read them back: times as
 * {@code TIMESTAMP WITH TIME ZONE} in UTC, long texts capped to their column, parameter maps as JSON.
 * The same on H2 and PostgreSQL.
 */
public final class StoredValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredValues() {
    }

    public static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The text, or its end with a leading "…" when it is longer than the column holds. */
    public static String cap(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        return "…" + text.substring(text.length() - limit + 1);
    }

    public static String toJson(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parameters cannot be written as JSON", e);
        }
    }

    public static Map<String, String> fromJson(String text) {
        try {
            return JSON.readValue(text, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored parameters are not valid JSON", e);
        }
    }
}
