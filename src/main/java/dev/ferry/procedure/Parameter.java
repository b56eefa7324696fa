package dev.ferry.procedure;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A typed parameter of a procedure.
 *
 * @param pattern for {@code string} and {@code list}: a regular expression every value must match whole
 * @param values  for {@code enum}: the allowed values
 */
public record Parameter(
        String name,
        ParameterType type,
        String description,
        boolean required,
        String defaultValue,
        Pattern pattern,
        List<String> values) {

    public Parameter {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public boolean isSecret() {
        return type == ParameterType.SECRET;
    }

    public Optional<String> defaultText() {
        return Optional.ofNullable(defaultValue);
    }

    /** The rule in words, including this parameter's pattern or values. */
    public String rule() {
        return switch (type) {
            case ENUM -> "one of " + String.join(", ", values);
            case STRING -> pattern == null ? type.rule() : "text matching " + pattern.pattern();
            case LIST -> pattern == null ? type.rule()
                    : "a comma-separated list of values, each matching " + pattern.pattern();
            default -> type.rule();
        };
    }

    /**
     * Checks one raw value and returns it normalised, or an error that names the value and the rule.
     * A secret's value is never repeated in the error.
     */
    Checked check(String raw, Predicate<String> hostExists) {
        String shown = isSecret() ? "the value given" : QuotedInput.of(raw);
        if (raw.isEmpty()) {
            return Checked.error(shown + " is empty; expected " + rule());
        }
        return switch (type) {
            case HOST -> hostExists.test(raw) ? Checked.ok(raw) : Checked.error(shown + " is not " + rule());
            case HOSTNAME -> ParameterType.isHostname(raw) ? Checked.ok(raw) : Checked.error(shown + " is not " + rule());
            case WINDOWS_PATH -> ParameterType.isWindowsPath(raw) ? Checked.ok(raw)
                    : Checked.error(shown + " is not " + rule());
            case BOOLEAN -> {
                String normal = ParameterType.normalizeBoolean(raw);
                yield normal != null ? Checked.ok(normal) : Checked.error(shown + " is not " + rule());
            }
            case ENUM -> values.contains(raw) ? Checked.ok(raw) : Checked.error(shown + " is not " + rule());
            case STRING -> pattern == null || pattern.matcher(raw).matches() ? Checked.ok(raw)
                    : Checked.error(shown + " does not match " + pattern.pattern());
            case LIST -> checkList(raw, shown);
            case SECRET -> Checked.ok(raw);
        };
    }

    private Checked checkList(String raw, String shown) {
        for (String item : ListValue.split(raw)) {
            if (item.isEmpty()) {
                return Checked.error(shown + " has an empty item; expected " + rule());
            }
            if (pattern != null && !pattern.matcher(item).matches()) {
                return Checked.error("item " + QuotedInput.of(item) + " of " + shown + " does not match "
                        + pattern.pattern());
            }
        }
        return Checked.ok(raw);
    }

    record Checked(String value, String error) {
        static Checked ok(String value) {
            return new Checked(value, null);
        }

        static Checked error(String error) {
            return new Checked(null, error);
        }
    }
}
