package dev.ferry.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One of Ferry's YAML files (a procedure, the inventory), read strictly: unknown keys, duplicate keys and
 * trailing documents are errors, and every problem is placed at the line of the field it is about.
 */
public final class YamlDocument {

    private static final YAMLMapper STRICT = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    private final String text;
    private final Map<String, Integer> lines;

    private YamlDocument(String text) {
        this.text = text;
        this.lines = lineIndex(text);
    }

    public static YamlDocument of(String text) {
        return new YamlDocument(text);
    }

    /** Whether the file holds no document at all: empty, blank, only comments, or a lone null. */
    public boolean isEmpty() {
        try {
            JsonNode root = STRICT.readTree(text);
            return root == null || root.isMissingNode() || root.isNull();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * Reads the document into {@code type}.
     *
     * @throws YamlException with the line and field of what does not fit
     */
    public <T> T read(Class<T> type) {
        try {
            return STRICT.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new YamlException(problem(e));
        }
    }

    /**
     * The 1-based line of a field such as {@code steps[2].target}; for a field that is not in the file, the
     * line of the nearest enclosing one that is; 0 when none is.
     */
    public int lineOf(String field) {
        String probe = field;
        while (!probe.isEmpty()) {
            Integer line = lines.get(probe);
            if (line != null) {
                return line;
            }
            int cut = Math.max(probe.lastIndexOf('.'), probe.lastIndexOf('['));
            probe = cut <= 0 ? "" : probe.substring(0, cut);
        }
        return 0;
    }

    private Problem problem(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? fieldPath(mapping.getPath()) : "";
        if (e instanceof UnrecognizedPropertyException unknown) {
            Set<String> known = new TreeSet<>();
            unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            // Jackson notices an unknown key of a record only at the end of its mapping: take the key's own line.
            return new Problem(lineOf(field), field, "unknown key '" + unknown.getPropertyName()
                    + "'; the keys allowed here are " + String.join(", ", known));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            // Jackson's message names Java types; a person editing YAML needs the shapes.
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            return new Problem(line, field, "takes " + shapeOf(mismatch.getTargetType()) + ", but the file has "
                    + foundIn(mismatch) + " here");
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                // The scanner's own mark: where the bad character is, not where the parser had got to. When the
                // problem is the end of the file (an unclosed quote), what was left open is the place to fix.
                boolean atEnd = marked.getProblem() != null && marked.getProblem().contains("end of stream")
                        && marked.getContextMark() != null;
                int line = (atEnd ? marked.getContextMark() : marked.getProblemMark()).getLine() + 1;
                return new Problem(line, field, e.getOriginalMessage());
            }
        }
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
        if (duplicate.matches()) {
            String key = duplicate.group(1);
            return new Problem(line, field.isEmpty() ? key : field + "." + key,
                    "duplicate key '" + key + "'; a key may stand once in a mapping: keep one of them");
        }
        return new Problem(line, field, e.getOriginalMessage());
    }

    /** What a key of this Java type takes, in the words of a YAML file. */
    private static String shapeOf(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == Duration.class) {
            return "a duration such as 30s, 10m or 2h";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(Locale.ROOT)).toList());
        }
        return "a mapping (lines of key: value)";
    }

    private static final Pattern FOUND = Pattern.compile("from (Integer|Long|BigInteger|Double|Float|Number|"
            + "Floating-point|String|Array|Object|Boolean)\\b");

    /** What the file has where the mismatch is, from the kind of YAML value Jackson found. */
    private static String foundIn(MismatchedInputException mismatch) {
        if (mismatch instanceof InvalidFormatException) {
            return "text that is not such a value";
        }
        Matcher found = FOUND.matcher(mismatch.getOriginalMessage());
        if (!found.find()) {
            return "a value of another kind";
        }
        return switch (found.group(1)) {
            case "String" -> "text";
            case "Array" -> "a list";
            case "Object" -> "a mapping";
            case "Boolean" -> "true or false";
            default -> "a number";
        };
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(reference.getFieldName());
            }
        }
        return out.toString();
    }

    /** Maps each field path ("steps[2].target") to the line where it first stands. */
    private static Map<String, Integer> lineIndex(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = STRICT.getFactory().createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonStreamContext context = parser.getParsingContext();
                if (token.isStructStart()) {
                    context = context.getParent();
                } else if (token.isStructEnd()) {
                    continue;
                }
                if (context != null && (token == JsonToken.FIELD_NAME || context.inArray())) {
                    lines.putIfAbsent(pathOf(context), parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // A syntax error: reading the document reports it; the lines before it are still known.
            return lines;
        }
        return lines;
    }

    private static String pathOf(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        String parent = pathOf(context.getParent());
        if (context.inArray()) {
            return parent + "[" + context.getCurrentIndex() + "]";
        }
        String name = context.getCurrentName() == null ? "" : context.getCurrentName();
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /**
     * @param line  1-based, 0 when unknown
     * @param field path such as {@code steps[2].target}, empty for the whole file
     */
    public record Problem(int line, String field, String message) {
    }
}
