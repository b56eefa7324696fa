package dev.ferry.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionParserTest {

    private static final Map<String, Parameter> PARAMETERS = parameters(
            parameter("a", ParameterType.BOOLEAN),
            parameter("b", ParameterType.BOOLEAN),
            parameter("c", ParameterType.BOOLEAN),
            new Parameter("mode", ParameterType.ENUM, null, true, null, null, List.of("copy", "move", "in place")),
            parameter("region", ParameterType.STRING),
            new Parameter("note", ParameterType.STRING, null, false, null, null, List.of()),
            parameter("password", ParameterType.SECRET));

    private static Parameter parameter(String name, ParameterType type) {
        return new Parameter(name, type, null, true, null, null, List.of());
    }

    private static Map<String, Parameter> parameters(Parameter... parameters) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            out.put(parameter.name(), parameter);
        }
        return out;
    }

    private static Condition parse(String text) {
        return ConditionParser.parse(text, PARAMETERS);
    }

    private static Map<String, String> booleans(boolean a, boolean b, boolean c) {
        return Map.of("a", String.valueOf(a), "b", String.valueOf(b), "c", String.valueOf(c));
    }

    /** Checks a condition on a, b and c against the expected truth function for all eight combinations. */
    private static void assertTruthTable(String text, TriPredicate expected) {
        Condition condition = parse(text);
        for (int bits = 0; bits < 8; bits++) {
            boolean a = (bits & 4) != 0;
            boolean b = (bits & 2) != 0;
            boolean c = (bits & 1) != 0;
            assertThat(condition.test(booleans(a, b, c)))
                    .as("%s with a=%s b=%s c=%s", text, a, b, c)
                    .isEqualTo(expected.test(a, b, c));
        }
    }

    @FunctionalInterface
    private interface TriPredicate {
        boolean test(boolean a, boolean b, boolean c);
    }

    // ---------------------------------------------------------------- precedence and brackets

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        assertTruthTable("a or b and not c", (a, b, c) -> a || (b && !c));
    }

    @Test
    void notAppliesOnlyToTheNextOperand() {
        assertTruthTable("not a and b", (a, b, c) -> !a && b);
        assertTruthTable("not a or b", (a, b, c) -> !a || b);
    }

    @Test
    void bracketsOverridePrecedence() {
        assertTruthTable("(a or b) and not c", (a, b, c) -> (a || b) && !c);
        assertTruthTable("not (a and b)", (a, b, c) -> !(a && b));
        assertTruthTable("a and (b or c)", (a, b, c) -> a && (b || c));
        assertTruthTable("((a))", (a, b, c) -> a);
    }

    @Test
    void chainsOperatorsOfTheSameLevel() {
        assertTruthTable("a and b and c", (a, b, c) -> a && b && c);
        assertTruthTable("a or b or c", (a, b, c) -> a || b || c);
        assertTruthTable("not not a", (a, b, c) -> a);
    }

    @Test
    void needsNoSpacesAroundBracketsAndComparisons() {
        Condition condition = parse("(mode==move)and(region!=eu)");

        assertThat(condition.test(Map.of("mode", "move", "region", "us"))).isTrue();
        assertThat(condition.test(Map.of("mode", "move", "region", "eu"))).isFalse();
    }

    // ---------------------------------------------------------------- comparisons

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "region == eu-west-1       | eu-west-1 | true",
        "region == eu-west-1       | eu-west-2 | false",
        "region != eu-west-1       | eu-west-1 | false",
        "region != eu-west-1       | us        | true",
        "region == 'eu west'       | eu west   | true",
        "region == \"eu west\"     | eu west   | true",
        "region == 'eu west'       | eu-west   | false",
        "region == 'and'           | and       | true",
        "region == \"it's\"        | it's      | true",
        "region == v1.2_x          | v1.2_x    | true",
        "mode == 'in place'        | in place  | true",
        "mode == copy              | move      | false",
        "mode != copy              | move      | true",
    })
    void comparesWithQuotedAndBareValues(String text, String value, boolean expected) {
        Condition condition = parse(text);
        String name = text.strip().split(" ")[0];

        assertThat(condition.test(Map.of(name, value))).isEqualTo(expected);
    }

    @Test
    void comparisonIsCaseSensitiveForStrings() {
        assertThat(parse("region == EU").test(Map.of("region", "eu"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '`', value = {
        "a == true,  true,  true",
        "a == true,  false, false",
        "a == yes,   true,  true",
        "a == YES,   true,  true",
        "a == false, false, true",
        "a == no,    false, true",
        "a == No,    true,  false",
        "a != no,    true,  true",
        "a != yes,   true,  false",
        "a == 'yes', true,  true",
    })
    void comparesBooleansWithTrueFalseYesAndNo(String text, String bound, boolean expected) {
        assertThat(parse(text).test(Map.of("a", bound))).isEqualTo(expected);
    }

    @Test
    void aBareBooleanIsTrueOnlyForTrue() {
        Condition condition = parse("a");

        assertThat(condition.test(Map.of("a", "true"))).isTrue();
        assertThat(condition.test(Map.of("a", "false"))).isFalse();
        assertThat(condition.test(Map.of())).isFalse();
    }

    @Test
    void aMissingOptionalValueComparesAsEmpty() {
        Map<String, String> none = Map.of();

        assertThat(parse("note == ''").test(none)).isTrue();
        assertThat(parse("note == \"\"").test(none)).isTrue();
        assertThat(parse("note != ''").test(none)).isFalse();
        assertThat(parse("note == x").test(none)).isFalse();
        assertThat(parse("note != x").test(none)).isTrue();
        assertThat(parse("note == ''").test(Map.of("note", "x"))).isFalse();
    }

    // ---------------------------------------------------------------- the text

    @Test
    void textReturnsTheConditionAsWritten() {
        Condition condition = parse("  a   or (b and not c)  ");

        assertThat(condition.text()).isEqualTo("a   or (b and not c)");
        assertThat(condition.toString()).isEqualTo("a   or (b and not c)");
        assertThat(condition.isAlways()).isFalse();
    }

    @Test
    void aStepsWhenKeepsItsTextThroughTheLoader() {
        Procedure procedure = ProcedureLoader.parse(Path.of("cond.yml"), """
                id: cond
                title: Conditions
                source: test
                parameters:
                  skipExport: { type: boolean, default: "no" }
                  mode: { type: enum, values: [copy, move] }
                steps:
                  - id: export
                    title: Export
                    kind: manual
                    instructions: Export it.
                    when: "not skipExport and (mode == 'move' or mode == copy)"
                  - id: always
                    title: Always
                    kind: manual
                    instructions: Do it.
                """);

        Condition when = procedure.step("export").orElseThrow().when();

        assertThat(when.text()).isEqualTo("not skipExport and (mode == 'move' or mode == copy)");
        assertThat(when.test(Map.of("skipExport", "false", "mode", "move"))).isTrue();
        assertThat(when.test(Map.of("skipExport", "true", "mode", "move"))).isFalse();
        assertThat(procedure.step("always").orElseThrow().when()).isSameAs(Condition.ALWAYS);
        assertThat(Condition.ALWAYS.test(new HashMap<>())).isTrue();
    }

    // ---------------------------------------------------------------- rejections

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "nobody                | 'nobody' is not a parameter of this procedure",
        "password == x         | secret parameter 'password' cannot be used in a condition",
        "region                | 'region' is a string parameter; compare it with == or !=",
        "mode == rename        | 'rename' is not a value of enum parameter 'mode' (copy, move, in place)",
        "mode == in            | 'in' is not a value of enum parameter 'mode'",
        "a == maybe            | boolean parameter 'a' can only be compared with true or false, not 'maybe'",
        "region == 'eu         | unclosed quote in 'region == 'eu'",
        "a and                 | expected a parameter name at the end of 'a and'",
        "a or or b             | expected a parameter name but found 'or'",
        "region ==             | expected a value after the comparison at the end of 'region =='",
        "region == and         | expected a value after the comparison but found 'and'",
        "(a and b              | expected ')' in '(a and b'",
        "a b                   | unexpected 'b'",
        "a && b                | unexpected character '&'",
        "region = x            | unexpected character '='",
        "'a'                   | ''a'' is not a parameter of this procedure",
    })
    void rejectsBadConditionsSayingWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> parse(text.strip()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message.strip());
    }

    @Test
    void rejectsAnEmptyCondition() {
        assertThatThrownBy(() -> parse("   ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the condition is empty");
    }

    @Test
    void rejectsComparingAListOrHostOnlyWhenStandingAlone() {
        Map<String, Parameter> parameters = parameters(
                new Parameter("tags", ParameterType.LIST, null, true, null, Pattern.compile("[a-z]+"), List.of()),
                parameter("server", ParameterType.HOST));

        Predicate<String> parses = text -> {
            try {
                ConditionParser.parse(text, parameters);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        };

        assertThat(parses.test("tags == a,b")).isFalse();
        assertThat(parses.test("tags == 'a,b'")).isTrue();
        assertThat(parses.test("server != spe-01")).isTrue();
        assertThat(parses.test("server")).isFalse();
    }
}
