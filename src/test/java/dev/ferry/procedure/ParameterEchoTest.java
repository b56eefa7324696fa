package dev.ferry.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How the binder quotes refused values (bounded, escaped) and refuses text a host would not receive intact. */
class ParameterEchoTest {

    private final ParameterBinder binder = new ParameterBinder(name -> Set.of("spe-ih-01").contains(name));

    private static Parameter parameter(String name, ParameterType type, Pattern pattern) {
        return new Parameter(name, type, null, true, null, pattern, List.of());
    }

    private static Procedure procedure(Parameter... parameters) {
        Step step = new Step("only", "Only step", StepKind.MANUAL, null, null, "Do it.", Condition.ALWAYS,
                Approval.NONE, false, Step.DEFAULT_TIMEOUT, null);
        return new Procedure("demo", 1, "Demo", "test", null, List.of(parameters), List.of(step));
    }

    private InvalidParametersException refused(Procedure procedure, Map<String, String> raw) {
        InvalidParametersException e = catchThrowableOfType(InvalidParametersException.class,
                () -> binder.bind(procedure, raw));
        assertThat(e).as("binding %s should have failed", raw).isNotNull();
        return e;
    }

    @Test
    void aHugeRefusedValueIsQuotedAsAShortExcerptWithItsLength() {
        Procedure procedure = procedure(parameter("server", ParameterType.HOST, null));
        String huge = "x".repeat(100_000);

        InvalidParametersException e = refused(procedure, Map.of("server", huge));

        assertThat(e.problems()).singleElement().asString()
                .isEqualTo("parameter server: '" + "x".repeat(60) + "…' (100000 characters) is not a host of the"
                        + " inventory (config/hosts.yml, see /migrate hosts)")
                .hasSizeLessThan(200);
        assertThat(e.byParameter().get("server")).startsWith("'xxx").contains("(100000 characters)")
                .hasSizeLessThan(200);
    }

    @Test
    void aRefusedListAndItsItemAreQuotedOnOneLine() {
        Procedure procedure = procedure(parameter("lists", ParameterType.LIST, Pattern.compile("[A-Za-z0-9 ]+")));

        String problem = refused(procedure, Map.of("lists", "Contacts,Bad\nItem\u0007,Other")).problems().get(0);

        assertThat(problem).isEqualTo("parameter lists: item 'Bad\\nItem\\u0007' of 'Contacts,Bad\\nItem\\u0007,Other'"
                + " does not match [A-Za-z0-9 ]+").doesNotContain("\n", "\u0007");
        String empty = refused(procedure(parameter("lists", ParameterType.LIST, null)),
                Map.of("lists", "a,\t," + "b".repeat(200))).problems().get(0);
        assertThat(empty).startsWith("parameter lists: 'a,\\t,bbb").contains("…' (204 characters) has an empty item")
                .hasSizeLessThan(200);
    }

    @Test
    void anUnknownParameterNameIsQuotedToo() {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("bad\nname", "1");
        assertThat(refused(procedure(), raw).problems()).singleElement().asString()
                .startsWith("unknown parameter 'bad\\nname'; demo takes no parameters");
    }

    @Test
    void anUnpairedSurrogateIsRefusedWithTheParameterAndThePosition() {
        Procedure procedure = procedure(parameter("title", ParameterType.STRING, null),
                parameter("password", ParameterType.SECRET, null));

        InvalidParametersException e = refused(procedure, Map.of("title", "Über 🚢 \uD800!", "password", "s3\uDC00cret"));

        assertThat(e.problems()).containsExactly(
                "parameter title has a broken character at position 8: half of a UTF-16 surrogate pair (\\uD800)"
                        + " without its other half, which the host would receive as '?'; type or paste that"
                        + " character again",
                "parameter password has a broken character at position 3: half of a UTF-16 surrogate pair (\\uDC00)"
                        + " without its other half, which the host would receive as '?'; type or paste that"
                        + " character again");
        assertThat(e.byParameter()).containsOnlyKeys("title", "password");
        assertThat(String.join(" ", e.problems())).doesNotContain("s3", "cret");
        assertThat(e.onlyMissing()).isFalse();
    }

    @Test
    void wholePairsAreAcceptedAsTheyAre() {
        Procedure procedure = procedure(parameter("title", ParameterType.STRING, null));
        assertThat(binder.bind(procedure, Map.of("title", "Über 🚢 ok")).values()).containsEntry("title", "Über 🚢 ok");
        assertThat(ParameterBinder.brokenCharacter("🚢\uD83D")).hasValueSatisfying(
                why -> assertThat(why).startsWith("has a broken character at position 2:"));
        // A low half before its high half is no pair either.
        assertThat(ParameterBinder.brokenCharacter("\uDEA2\uD83D")).hasValueSatisfying(
                why -> assertThat(why).contains("position 1:", "(\\uDEA2)"));
    }
}
