package dev.ferry.procedure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Parses a step's {@code when} text. Grammar:
 * <pre>
 * expr    := and ('or' and)*
 * and     := not ('and' not)*
 * not     := 'not' not | primary
 * primary := '(' expr ')' | NAME (('==' | '!=') VALUE)?
 * VALUE   := 'quoted' | "quoted" | true | false | word
 * </pre>
 * A bare NAME must be a boolean parameter; a compared NAME must be declared, and an enum or boolean
 * parameter may only be compared with one of its values. Secrets cannot appear in conditions.
 */
final class ConditionParser {

    private final String text;
    private final Map<String, Parameter> parameters;
    private final List<String> tokens;
    private int position;

    private ConditionParser(String text, Map<String, Parameter> parameters) {
        this.text = text;
        this.parameters = parameters;
        this.tokens = tokenize(text);
    }

    /** @throws IllegalArgumentException naming what is wrong with the condition */
    static Condition parse(String text, Map<String, Parameter> parameters) {
        ConditionParser parser = new ConditionParser(text, parameters);
        if (parser.tokens.isEmpty()) {
            throw new IllegalArgumentException("the condition is empty");
        }
        Predicate<Map<String, String>> predicate = parser.expression();
        if (parser.position < parser.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + parser.tokens.get(parser.position) + "'");
        }
        String written = text.strip();
        return new Condition() {
            @Override
            public boolean test(Map<String, String> values) {
                return predicate.test(values);
            }

            @Override
            public String text() {
                return written;
            }

            @Override
            public String toString() {
                return written;
            }
        };
    }

    private Predicate<Map<String, String>> expression() {
        Predicate<Map<String, String>> left = conjunction();
        while (accept("or")) {
            left = left.or(conjunction());
        }
        return left;
    }

    private Predicate<Map<String, String>> conjunction() {
        Predicate<Map<String, String>> left = negation();
        while (accept("and")) {
            left = left.and(negation());
        }
        return left;
    }

    private Predicate<Map<String, String>> negation() {
        if (accept("not")) {
            return negation().negate();
        }
        return primary();
    }

    private Predicate<Map<String, String>> primary() {
        if (accept("(")) {
            Predicate<Map<String, String>> inner = expression();
            expect(")");
            return inner;
        }
        String name = next("a parameter name");
        Parameter parameter = parameters.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("'" + name + "' is not a parameter of this procedure");
        }
        if (parameter.isSecret()) {
            throw new IllegalArgumentException("secret parameter '" + name + "' cannot be used in a condition");
        }
        boolean equal;
        if (accept("==")) {
            equal = true;
        } else if (accept("!=")) {
            equal = false;
        } else {
            if (parameter.type() != ParameterType.BOOLEAN) {
                throw new IllegalArgumentException("'" + name + "' is a " + parameter.type().word()
                        + " parameter; compare it with == or != (only boolean parameters stand alone)");
            }
            return values -> "true".equals(values.get(name));
        }
        String value = unquote(next("a value after the comparison"));
        checkComparable(parameter, value);
        String expected = parameter.type() == ParameterType.BOOLEAN ? ParameterType.normalizeBoolean(value) : value;
        return equal
                ? values -> expected.equals(values.getOrDefault(name, ""))
                : values -> !expected.equals(values.getOrDefault(name, ""));
    }

    private static void checkComparable(Parameter parameter, String value) {
        if (parameter.type() == ParameterType.ENUM && !parameter.values().contains(value)) {
            throw new IllegalArgumentException("'" + value + "' is not a value of enum parameter '"
                    + parameter.name() + "' (" + String.join(", ", parameter.values()) + ")");
        }
        if (parameter.type() == ParameterType.BOOLEAN && ParameterType.normalizeBoolean(value) == null) {
            throw new IllegalArgumentException("boolean parameter '" + parameter.name()
                    + "' can only be compared with true or false, not '" + value + "'");
        }
    }

    private boolean accept(String token) {
        if (position < tokens.size() && tokens.get(position).equals(token)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw new IllegalArgumentException("expected '" + token + "' in '" + text.strip() + "'");
        }
    }

    private String next(String what) {
        if (position >= tokens.size()) {
            throw new IllegalArgumentException("expected " + what + " at the end of '" + text.strip() + "'");
        }
        String token = tokens.get(position++);
        if (List.of("(", ")", "==", "!=", "and", "or", "not").contains(token)) {
            throw new IllegalArgumentException("expected " + what + " but found '" + token + "'");
        }
        return token;
    }

    private static String unquote(String token) {
        if (token.length() >= 2 && (token.startsWith("'") || token.startsWith("\""))) {
            return token.substring(1, token.length() - 1);
        }
        return token;
    }

    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if ((c == '=' || c == '!') && i + 1 < text.length() && text.charAt(i + 1) == '=') {
                out.add(c + "=");
                i += 2;
            } else if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed quote in '" + text.strip() + "'");
                }
                out.add(text.substring(i, end + 1));
                i = end + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i))
                        || "_-.".indexOf(text.charAt(i)) >= 0)) {
                    i++;
                }
                out.add(text.substring(start, i));
            } else {
                throw new IllegalArgumentException("unexpected character '" + c + "' in '" + text.strip() + "'");
            }
        }
        return out;
    }
}
