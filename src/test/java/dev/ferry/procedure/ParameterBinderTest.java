package dev.ferry.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterBinderTest {

    private static final String HOSTNAME_RULE = "an RFC 1123 host name";
    private static final String PATH_RULE = "an absolute Windows path";

    private final ParameterBinder binder =
            new ParameterBinder(name -> Set.of("spe-ih-01", "spe-ih-02").contains(name));

    // ---------------------------------------------------------------- helpers

    private static Parameter required(String name, ParameterType type) {
        return new Parameter(name, type, null, true, null, null, List.of());
    }

    private static Procedure procedure(Parameter... parameters) {
        Step step = new Step("only", "Only step", StepKind.MANUAL, null, null, "Do it.", Condition.ALWAYS,
                Approval.NONE, false, Step.DEFAULT_TIMEOUT, null);
        return new Procedure("demo", 1, "Demo", "test", null, Arrays.asList(parameters), List.of(step));
    }

    private static Map<String, String> raw(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private BoundParameters bindOne(Parameter parameter, String value) {
        return binder.bind(procedure(parameter), raw(parameter.name(), value));
    }

    private InvalidParametersException rejected(Procedure procedure, Map<String, String> raw) {
        InvalidParametersException e = catchThrowableOfType(InvalidParametersException.class,
                () -> binder.bind(procedure, raw));
        assertThat(e).as("binding %s should have failed", raw).isNotNull();
        return e;
    }

    /** The single problem of binding one value to one parameter. */
    private String problemOf(Parameter parameter, String value) {
        InvalidParametersException e = rejected(procedure(parameter), raw(parameter.name(), value));
        assertThat(e.problems()).hasSize(1);
        assertThat(e.missing()).isEmpty();
        return e.problems().get(0);
    }

    private static String label(int length) {
        return "a".repeat(length);
    }

    // ---------------------------------------------------------------- host

    @ParameterizedTest
    @ValueSource(strings = {"spe-ih-01", "spe-ih-02"})
    void acceptsAHostOfTheInventory(String host) {
        assertThat(bindOne(required("oldServer", ParameterType.HOST), host).values())
                .containsExactly(Map.entry("oldServer", host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spe-ih-03", "SPE-IH-01", "spe-ih-01.corp.example.net", " spe-ih-01"})
    void rejectsAHostNotInTheInventoryNamingParameterValueAndRule(String host) {
        String problem = problemOf(required("oldServer", ParameterType.HOST), host);

        assertThat(problem).isEqualTo("parameter oldServer: '" + host + "' is not a host of the inventory"
                + " (config/hosts.yml, see /migrate hosts)");
    }

    // ---------------------------------------------------------------- hostname

    static Stream<String> validHostnames() {
        return Stream.of(
                "mail",
                "mail-01.corp.example.net",
                "MAIL-01.Corp.Example.NET",
                "mail.corp.example.net.",
                "1.2.3.4",
                "a",
                "x-1",
                label(63) + ".example.net",
                // exactly 253 characters: 63 + 1 + 63 + 1 + 63 + 1 + 61
                label(63) + "." + label(63) + "." + label(63) + "." + label(61));
    }

    @ParameterizedTest
    @MethodSource("validHostnames")
    void acceptsRfc1123Hostnames(String hostname) {
        assertThat(bindOne(required("target", ParameterType.HOSTNAME), hostname).values().get("target"))
                .isEqualTo(hostname);
    }

    static Stream<String> invalidHostnames() {
        return Stream.of(
                label(64) + ".example.net",
                label(64),
                // 254 characters
                label(63) + "." + label(63) + "." + label(63) + "." + label(62),
                "-mail.example.net",
                "mail-.example.net",
                "mail.-corp.net",
                "mail_01.example.net",
                "mail..example.net",
                ".mail.example.net",
                "mail.example.net..",
                ".",
                "mail example",
                "mail/01",
                "m\u00e4il.example.net",
                "mail.example.net\n");
    }

    @ParameterizedTest
    @MethodSource("invalidHostnames")
    void rejectsNonRfc1123HostnamesNamingParameterValueAndRule(String hostname) {
        String problem = problemOf(required("target", ParameterType.HOSTNAME), hostname);

        assertThat(problem).startsWith("parameter target: " + QuotedInput.of(hostname) + " is not ").contains(HOSTNAME_RULE,
                "1-63 characters each", "253 characters at most");
    }

    // ---------------------------------------------------------------- windows-path

    @ParameterizedTest
    @ValueSource(strings = {"C:\\Data", "c:\\", "D:\\MailStore Archive\\2024 (old)", "\\\\server\\share\\dir",
            "\\\\server\\share", "\\\\fs-01.corp\\archive$\\mail store", "E:\\a.b\\c-d_e"})
    void acceptsAbsoluteWindowsPaths(String path) {
        assertThat(bindOne(required("archive", ParameterType.WINDOWS_PATH), path).values().get("archive"))
                .isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Data\\Archive", ".\\Data", "..\\Data", "C:Data", "C:/Data", "/var/data", "\\Data",
            "\\\\server", "\\\\server\\", "CC:\\Data", "C:\\a|b", "C:\\a<b", "C:\\a>b", "C:\\a\"b", "C:\\a?b",
            "C:\\a*b", "C:\\a\u0000b", "C:\\a\nRemove-Item x", "C:\\a\rb", "C:\\a\tb", "C:\\a\u001bb",
            "\\\\server\\share\\a|b", "\\\\server\\share\\a\nb"})
    void rejectsRelativePathsAndForbiddenCharactersNamingParameterValueAndRule(String path) {
        String problem = problemOf(required("archive", ParameterType.WINDOWS_PATH), path);

        assertThat(problem).startsWith("parameter archive: " + QuotedInput.of(path) + " is not ").contains(PATH_RULE,
                "without < > \" | ? * or control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\\\server\\sh|are", "\\\\server\\share\nRemove-Item C:\\ -Recurse",
            "\\\\ser<ver\\share", "\\\\server\\sha*re\\dir", "\\\\server\u0000\\share"})
    void rejectsForbiddenCharactersInTheServerOrShareOfAUncPath(String path) {
        String problem = problemOf(required("archive", ParameterType.WINDOWS_PATH), path);

        assertThat(problem).contains(PATH_RULE);
    }

    // ---------------------------------------------------------------- string

    @Test
    void acceptsAnyNonEmptyStringWithoutPattern() {
        String value = "it's $(anything) `at all`; \"really\"";

        assertThat(bindOne(required("note", ParameterType.STRING), value).values().get("note")).isEqualTo(value);
    }

    @Test
    void matchesAStringPatternAgainstTheWholeValue() {
        Parameter code = new Parameter("code", ParameterType.STRING, null, true, null, Pattern.compile("[A-Z]{3}"),
                List.of());

        assertThat(bindOne(code, "ABC").values().get("code")).isEqualTo("ABC");
        assertThat(problemOf(code, "ABCD")).isEqualTo("parameter code: 'ABCD' does not match [A-Z]{3}");
        assertThat(problemOf(code, "xABC")).isEqualTo("parameter code: 'xABC' does not match [A-Z]{3}");
        assertThat(problemOf(code, "AB")).isEqualTo("parameter code: 'AB' does not match [A-Z]{3}");
    }

    @Test
    void rejectsAnEmptyStringNamingTheRule() {
        Parameter code = new Parameter("code", ParameterType.STRING, null, true, null, Pattern.compile("[A-Z]*"),
                List.of());

        assertThat(problemOf(code, "")).isEqualTo("parameter code: '' is empty; expected text matching [A-Z]*");
    }

    // ---------------------------------------------------------------- list

    @Test
    void keepsAListAsGivenAndSplitsItOnCommasIntoStrippedItems() {
        String given = " alice ,bob,  carol o'neil ";

        String bound = bindOne(required("mailboxes", ParameterType.LIST), given).values().get("mailboxes");

        assertThat(bound).isEqualTo(given);
        assertThat(ListValue.split(bound)).containsExactly("alice", "bob", "carol o'neil");
        assertThat(ListValue.split("one")).containsExactly("one");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,,b", "a,", ",a", "a, ,b", " ", ","})
    void rejectsAListWithAnEmptyItem(String value) {
        String problem = problemOf(required("mailboxes", ParameterType.LIST), value);

        assertThat(problem).isEqualTo("parameter mailboxes: '" + value
                + "' has an empty item; expected a comma-separated list of values");
    }

    @Test
    void matchesAListPatternAgainstEachStrippedItem() {
        Parameter mailboxes = new Parameter("mailboxes", ParameterType.LIST, null, true, null,
                Pattern.compile("[a-z]+"), List.of());

        assertThat(bindOne(mailboxes, "alice, bob").values().get("mailboxes")).isEqualTo("alice, bob");
        assertThat(problemOf(mailboxes, "alice, Bob, carl"))
                .isEqualTo("parameter mailboxes: item 'Bob' of 'alice, Bob, carl' does not match [a-z]+");
        assertThat(problemOf(mailboxes, "alice,bob1"))
                .isEqualTo("parameter mailboxes: item 'bob1' of 'alice,bob1' does not match [a-z]+");
        assertThat(problemOf(mailboxes, "alice,,bob")).isEqualTo("parameter mailboxes: 'alice,,bob' has an empty item;"
                + " expected a comma-separated list of values, each matching [a-z]+");
    }

    // ---------------------------------------------------------------- boolean

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "True, true", "yes, true", "YES, true", "Yes, true",
            "false, false", "FALSE, false", "no, false", "No, false", "NO, false"})
    void normalisesBooleans(String given, String normal) {
        assertThat(bindOne(required("dryRun", ParameterType.BOOLEAN), given).values().get("dryRun"))
                .isEqualTo(normal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "1", "0", "on", "y", "n", "true ", "t"})
    void rejectsOtherBooleanWords(String given) {
        assertThat(problemOf(required("dryRun", ParameterType.BOOLEAN), given))
                .isEqualTo("parameter dryRun: '" + given + "' is not true or false");
    }

    // ---------------------------------------------------------------- enum

    @Test
    void acceptsOnlyAnEnumsOwnValuesExactly() {
        Parameter mode = new Parameter("mode", ParameterType.ENUM, null, true, null, null, List.of("copy", "move"));

        assertThat(bindOne(mode, "move").values().get("mode")).isEqualTo("move");
        assertThat(problemOf(mode, "rename")).isEqualTo("parameter mode: 'rename' is not one of copy, move");
        assertThat(problemOf(mode, "Move")).isEqualTo("parameter mode: 'Move' is not one of copy, move");
    }

    // ---------------------------------------------------------------- secret

    @Test
    void holdsASecretInValuesAndMasksItInPublicValues() {
        Procedure procedure = procedure(required("user", ParameterType.STRING),
                required("password", ParameterType.SECRET));

        BoundParameters bound = binder.bind(procedure, raw("user", "admin", "password", "hunter2"));

        assertThat(bound.values()).containsExactly(Map.entry("user", "admin"), Map.entry("password", "hunter2"));
        assertThat(bound.publicValues())
                .containsExactly(Map.entry("user", "admin"), Map.entry("password", BoundParameters.SECRET_SET));
        assertThat(bound.publicValues().toString()).doesNotContain("hunter2");
        assertThat(bound.secretNames()).containsExactly("password");
    }

    @Test
    void neverShowsASecretInAnyProblem() {
        String secret = "S3cr3t'$(x)";
        Procedure procedure = procedure(required("user", ParameterType.HOSTNAME),
                required("password", ParameterType.SECRET), required("mode", ParameterType.BOOLEAN));

        InvalidParametersException e = rejected(procedure, raw("password", secret, "user", secret,
                "pasword", secret));

        assertThat(e.problems()).hasSize(3);
        // The hostname parameter shows what it was given: it is not a secret.
        assertThat(e.problems().get(1)).startsWith("parameter user: ");
        assertThat(e.problems()).filteredOn(p -> !p.startsWith("parameter user:"))
                .allSatisfy(p -> assertThat(p).doesNotContain(secret).doesNotContain("S3cr3t"));
    }

    @Test
    void neverShowsAnEmptySecretAsAQuotedValue() {
        Parameter password = required("password", ParameterType.SECRET);

        String problem = problemOf(password, "");

        assertThat(problem).isEqualTo("parameter password: the value given is empty; expected a secret value;"
                + " it is never shown or stored");
        assertThat(problem).doesNotContain("''");
    }

    @Test
    void neverShowsASecretGivenUnderAnUnknownName() {
        InvalidParametersException e = rejected(procedure(required("password", ParameterType.SECRET)),
                raw("password", "hunter2", "passwd", "hunter2"));

        assertThat(e.problems()).containsExactly("unknown parameter 'passwd'; demo takes password");
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    // ---------------------------------------------------------------- unknown, missing, defaults

    @Test
    void rejectsAnUnknownParameterListingTheAcceptedOnes() {
        Procedure procedure = procedure(required("oldServer", ParameterType.HOST),
                new Parameter("dryRun", ParameterType.BOOLEAN, null, false, "no", null, List.of()));

        InvalidParametersException e = rejected(procedure, raw("oldServer", "spe-ih-01", "colour", "blue"));

        assertThat(e.problems()).containsExactly("unknown parameter 'colour'; demo takes oldServer, dryRun");
        assertThat(e.missing()).isEmpty();
    }

    @Test
    void rejectsAnyParameterOfAProcedureThatTakesNone() {
        InvalidParametersException e = rejected(procedure(), raw("x", "1"));

        assertThat(e.problems()).containsExactly("unknown parameter 'x'; demo takes no parameters");
    }

    @Test
    void listsMissingRequiredParametersInMissing() {
        Parameter oldServer = new Parameter("oldServer", ParameterType.HOST, "Server that has the role now", true,
                null, null, List.of());
        Parameter newServer = required("newServer", ParameterType.HOST);
        Parameter note = new Parameter("note", ParameterType.STRING, null, false, null, null, List.of());
        Parameter dryRun = new Parameter("dryRun", ParameterType.BOOLEAN, null, false, "no", null, List.of());

        InvalidParametersException e = rejected(procedure(oldServer, newServer, note, dryRun), raw());

        assertThat(e.missing()).containsExactly(oldServer, newServer);
        assertThat(e.problems()).containsExactly(
                "parameter oldServer is missing: Server that has the role now; give oldServer=<a host of the"
                        + " inventory (config/hosts.yml, see /migrate hosts)>",
                "parameter newServer is missing: give newServer=<a host of the inventory (config/hosts.yml, see"
                        + " /migrate hosts)>");
    }

    @Test
    void appliesDefaultsNormalisedAndLetsAGivenValueWin() {
        Procedure procedure = procedure(
                new Parameter("dryRun", ParameterType.BOOLEAN, null, false, "yes", null, List.of()),
                new Parameter("mode", ParameterType.ENUM, null, false, "copy", null, List.of("copy", "move")),
                new Parameter("note", ParameterType.STRING, null, false, null, null, List.of()),
                new Parameter("region", ParameterType.STRING, null, false, "eu", null, List.of()));

        BoundParameters bound = binder.bind(procedure, raw("region", "us"));

        assertThat(bound.values()).containsExactly(Map.entry("dryRun", "true"), Map.entry("mode", "copy"),
                Map.entry("region", "us"));
        assertThat(bound.values()).doesNotContainKey("note");
    }

    @Test
    void keepsTheProceduresOrderAndReturnsUnmodifiableMaps() {
        Procedure procedure = procedure(required("b", ParameterType.STRING), required("a", ParameterType.STRING));

        BoundParameters bound = binder.bind(procedure, raw("a", "1", "b", "2"));

        assertThat(bound.values().keySet()).containsExactly("b", "a");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bound.values().put("c", "3"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void reportsAllProblemsAtOnce() {
        Procedure procedure = procedure(
                required("oldServer", ParameterType.HOST),
                required("newServer", ParameterType.HOST),
                required("dryRun", ParameterType.BOOLEAN),
                new Parameter("mode", ParameterType.ENUM, null, true, null, null, List.of("copy", "move")),
                required("archive", ParameterType.WINDOWS_PATH));

        InvalidParametersException e = rejected(procedure,
                raw("oldServer", "nowhere", "dryRun", "perhaps", "mode", "rename", "extra", "x"));

        assertThat(e.problems()).containsExactly(
                "unknown parameter 'extra'; demo takes oldServer, newServer, dryRun, mode, archive",
                "parameter oldServer: 'nowhere' is not a host of the inventory (config/hosts.yml, see /migrate hosts)",
                "parameter newServer is missing: give newServer=<a host of the inventory (config/hosts.yml, see"
                        + " /migrate hosts)>",
                "parameter dryRun: 'perhaps' is not true or false",
                "parameter mode: 'rename' is not one of copy, move",
                "parameter archive is missing: give archive=<" + ParameterType.WINDOWS_PATH.rule() + ">");
        assertThat(e.missing()).extracting(Parameter::name).containsExactly("newServer", "archive");
        assertThat(e.getMessage()).isEqualTo(String.join("; ", e.problems()));
    }
}
