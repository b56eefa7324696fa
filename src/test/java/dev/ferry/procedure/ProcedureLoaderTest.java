package dev.ferry.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.procedure.ProcedureFileException.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProcedureLoaderTest {

    /** A small procedure that loads; each bad input below changes one or two of its lines. */
    private static final String VALID = """
            id: demo
            title: Demo migration
            source: guide.txt, section 1
            parameters:
              oldServer: { type: host, description: Server that has the role now }
              newServer:
                type: host
                description: Server that takes the role over
              dryRun: { type: boolean, default: "no" }
              mode: { type: enum, values: [copy, move] }
            steps:
              - id: prepare
                title: Prepare the new server
                kind: manual
                instructions: Install the software on the new server.
              - id: stop-old
                title: Stop the service on the old server
                kind: powershell
                target: oldServer
                approval: on-call
                script: |
                  Stop-Service -Name Demo -ErrorAction Stop
              - id: verify
                title: Verify the new server
                kind: check
                target: newServer
                when: mode == move and not dryRun
                script: Get-Service -Name Demo
            """;

    private static final String TOP_LEVEL_KEYS = "description, id, parameters, source, steps, title, version";
    private static final String STEP_KEYS =
            "approval, id, idempotent, instructions, kind, needs, script, target, timeout, title, warning, when";

    // ---------------------------------------------------------------- helpers

    private static Procedure load(String text) {
        return ProcedureLoader.parse(Path.of("demo.yml"), text);
    }

    private static List<Problem> problems(String text) {
        ProcedureFileException e = catchThrowableOfType(ProcedureFileException.class, () -> load(text));
        assertThat(e).as("the text should have been rejected:%n%s", text).isNotNull();
        assertThat(e.file()).isEqualTo(Path.of("demo.yml"));
        return e.problems();
    }

    /** The one problem of a text that has exactly one. */
    private static Problem onlyProblem(String text) {
        List<Problem> problems = problems(text);
        assertThat(problems).as("problems of%n%s", text).hasSize(1);
        return problems.get(0);
    }

    /** Replaces one whole line, which must occur exactly once, with {@code replacement} (may hold several lines). */
    private static String replaceLine(String text, String line, String replacement) {
        List<String> lines = text.lines().toList();
        assertThat(lines).as("line to replace").containsOnlyOnce(line);
        StringBuilder out = new StringBuilder();
        for (String each : lines) {
            if (each.equals(line)) {
                if (replacement != null) {
                    out.append(replacement).append('\n');
                }
            } else {
                out.append(each).append('\n');
            }
        }
        return out.toString();
    }

    private static String removeLine(String text, String line) {
        return replaceLine(text, line, null);
    }

    /** The 1-based number of the one line of {@code text} that equals {@code line}. */
    private static int lineOf(String text, String line) {
        List<String> lines = text.lines().toList();
        assertThat(lines).as("line to find").containsOnlyOnce(line);
        return lines.indexOf(line) + 1;
    }

    private static void assertProblem(Problem problem, int line, String field, String... messageParts) {
        assertThat(problem.line()).as("line of %s", problem).isEqualTo(line);
        assertThat(problem.field()).as("field of %s", problem).isEqualTo(field);
        assertThat(problem.message()).as("message of %s", problem).contains(messageParts);
    }

    // ---------------------------------------------------------------- the valid file

    @Test
    void loadsTheValidProcedureWithEveryField() {
        Procedure procedure = load(VALID);

        assertThat(procedure.id()).isEqualTo("demo");
        assertThat(procedure.version()).isEqualTo(1);
        assertThat(procedure.title()).isEqualTo("Demo migration");
        assertThat(procedure.source()).isEqualTo("guide.txt, section 1");
        assertThat(procedure.description()).isNull();

        assertThat(procedure.parameters()).extracting(Parameter::name)
                .containsExactly("oldServer", "newServer", "dryRun", "mode");
        assertThat(procedure.parameters()).extracting(Parameter::type).containsExactly(
                ParameterType.HOST, ParameterType.HOST, ParameterType.BOOLEAN, ParameterType.ENUM);
        Parameter oldServer = procedure.parameter("oldServer").orElseThrow();
        assertThat(oldServer.description()).isEqualTo("Server that has the role now");
        assertThat(procedure.parameter("newServer").orElseThrow().description())
                .isEqualTo("Server that takes the role over");
        assertThat(procedure.parameter("mode").orElseThrow().values()).containsExactly("copy", "move");
        assertThat(procedure.parameter("dryRun").orElseThrow().defaultValue()).isEqualTo("no");

        assertThat(procedure.steps()).extracting(Step::id).containsExactly("prepare", "stop-old", "verify");
        assertThat(procedure.steps()).extracting(Step::kind)
                .containsExactly(StepKind.MANUAL, StepKind.POWERSHELL, StepKind.CHECK);

        Step prepare = procedure.step("prepare").orElseThrow();
        assertThat(prepare.instructions()).isEqualTo("Install the software on the new server.");
        assertThat(prepare.script()).isNull();
        assertThat(prepare.target()).isNull();
        assertThat(prepare.when().isAlways()).isTrue();

        Step stop = procedure.step("stop-old").orElseThrow();
        assertThat(stop.target()).isEqualTo("oldServer");
        assertThat(stop.approval()).isEqualTo(Approval.ON_CALL);
        assertThat(stop.script()).isEqualTo("Stop-Service -Name Demo -ErrorAction Stop");

        Step verify = procedure.step("verify").orElseThrow();
        assertThat(verify.target()).isEqualTo("newServer");
        assertThat(verify.when().text()).isEqualTo("mode == move and not dryRun");
        assertThat(verify.when().test(Map.of("mode", "move", "dryRun", "false"))).isTrue();
        assertThat(verify.when().test(Map.of("mode", "move", "dryRun", "true"))).isFalse();
        assertThat(verify.when().test(Map.of("mode", "copy", "dryRun", "false"))).isFalse();
        assertThat(procedure.indexOf("verify")).isEqualTo(2);
    }

    @Test
    void appliesDefaultsForApprovalIdempotentTimeoutAndRequired() {
        Procedure procedure = load(VALID);

        Step prepare = procedure.step("prepare").orElseThrow();
        assertThat(prepare.approval()).isEqualTo(Approval.NONE);
        assertThat(prepare.idempotent()).isFalse();
        assertThat(prepare.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(procedure.step("verify").orElseThrow().timeout()).isEqualTo(Duration.ofMinutes(30));

        assertThat(procedure.parameter("oldServer").orElseThrow().required()).isTrue();
        assertThat(procedure.parameter("mode").orElseThrow().required()).isTrue();
        assertThat(procedure.parameter("dryRun").orElseThrow().required())
                .as("a parameter with a default is optional").isFalse();
    }

    @Test
    void readsExplicitRequiredIdempotentVersionAndDescription() {
        String text = replaceLine(VALID, "  mode: { type: enum, values: [copy, move] }",
                "  mode: { type: enum, values: [copy, move], required: false }\n"
                        + "  note: { type: string, default: hello, required: true }");
        text = replaceLine(text, "    approval: on-call", "    approval: none\n    idempotent: true");
        text = replaceLine(text, "title: Demo migration", "version: 3\ntitle: Demo migration\ndescription: '  Why  '");

        Procedure procedure = load(text);

        assertThat(procedure.version()).isEqualTo(3);
        assertThat(procedure.description()).isEqualTo("Why");
        assertThat(procedure.parameter("mode").orElseThrow().required()).isFalse();
        assertThat(procedure.parameter("note").orElseThrow().required()).isTrue();
        Step stop = procedure.step("stop-old").orElseThrow();
        assertThat(stop.idempotent()).isTrue();
        assertThat(stop.approval()).isEqualTo(Approval.NONE);
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '`', value = {"90s, PT1M30S", "30m, PT30M", "6h, PT6H", "PT1H30M, PT1H30M", "72h, PT72H", "500ms, PT0.5S"})
    void loadsTimeoutsAsDurations(String written, String expected) {
        String text = replaceLine(VALID, "    approval: on-call", "    approval: on-call\n    timeout: " + written);

        Step stop = load(text).step("stop-old").orElseThrow();

        assertThat(stop.timeout()).isEqualTo(Duration.parse(expected));
    }

    @Test
    void returnsImmutableRecords() {
        Procedure procedure = load(VALID);
        Parameter mode = procedure.parameter("mode").orElseThrow();
        Step step = procedure.steps().get(0);

        assertThatThrownBy(() -> procedure.parameters().add(mode)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> procedure.steps().add(step)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> procedure.steps().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> mode.values().add("rename")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void acceptsTheYamlExtensionToo() {
        Procedure procedure = ProcedureLoader.parse(Path.of("config", "procedures", "demo.yaml"), VALID);

        assertThat(procedure.id()).isEqualTo("demo");
    }

    // ---------------------------------------------------------------- unknown keys and syntax

    @Test
    void rejectsUnknownTopLevelKeyListingTheAllowedKeys() {
        String text = replaceLine(VALID, "source: guide.txt, section 1", "source: guide.txt, section 1\nauthor: me");

        Problem problem = onlyProblem(text);

        assertThat(problem.field()).isEqualTo("author");
        assertThat(problem.message()).contains("unknown key 'author'", "the keys allowed here are " + TOP_LEVEL_KEYS);
    }

    @Test
    void rejectsUnknownStepKeyListingTheAllowedKeys() {
        String text = replaceLine(VALID, "    approval: on-call", "    approval: on-call\n    retries: 3");

        Problem problem = onlyProblem(text);

        assertThat(problem.field()).isEqualTo("steps[1].retries");
        assertThat(problem.message()).contains("unknown key 'retries'", "the keys allowed here are " + STEP_KEYS);
    }

    @Test
    void reportsUnknownTopLevelKeyAtItsLine() {
        String text = replaceLine(VALID, "source: guide.txt, section 1", "source: guide.txt, section 1\nauthor: me");

        assertProblem(onlyProblem(text), lineOf(text, "author: me"), "author", "unknown key 'author'");
    }

    @Test
    void reportsUnknownStepKeyAtItsLine() {
        String text = replaceLine(VALID, "    approval: on-call", "    approval: on-call\n    retries: 3");

        assertProblem(onlyProblem(text), lineOf(text, "    retries: 3"), "steps[1].retries", "unknown key 'retries'");
    }

    @Test
    void reportsYamlSyntaxErrorAtItsLine() {
        String unclosedQuote = replaceLine(VALID, "    title: Stop the service on the old server",
                "    title: \"Stop the service on the old server");
        String badIndent = replaceLine(VALID, "    title: Stop the service on the old server",
                "   title: Stop the service on the old server");

        Problem quote = onlyProblem(unclosedQuote);
        Problem indent = onlyProblem(badIndent);

        assertThat(quote.line()).isEqualTo(17);
        assertThat(quote.message()).contains("quoted scalar");
        assertThat(indent.line()).isEqualTo(17);
        assertThat(indent.message()).contains("line 17");
    }

    @Test
    void reportsTabIndentationAtTheLineOfTheTab() {
        String text = replaceLine(VALID, "    title: Stop the service on the old server",
                "\ttitle: Stop the service on the old server");

        Problem problem = onlyProblem(text);

        assertThat(problem.line()).isEqualTo(17);
        assertThat(problem.message()).contains("TAB");
    }

    @Test
    void rejectsADuplicateKeyInAStep() {
        String text = replaceLine(VALID, "    script: Get-Service -Name Demo",
                "    script: Get-Service -Name Demo\n    script: Remove-Item C:\\Data -Recurse");

        List<Problem> problems = problems(text);

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(lineOf(text, "    script: Remove-Item C:\\Data -Recurse"));
            assertThat(p.message()).contains("script");
        });
    }

    @Test
    void rejectsAParameterDeclaredTwice() {
        String text = replaceLine(VALID, "  mode: { type: enum, values: [copy, move] }",
                "  mode: { type: enum, values: [copy, move] }\n  dryRun: { type: string }");

        List<Problem> problems = problems(text);

        assertThat(problems).anySatisfy(p -> assertThat(p.line()).isEqualTo(lineOf(text, "  dryRun: { type: string }")));
    }

    @Test
    void rejectsParameterNamesThatDifferOnlyInCase() {
        String text = replaceLine(VALID, "  mode: { type: enum, values: [copy, move] }",
                "  mode: { type: enum, values: [copy, move] }\n  oldserver: { type: string }");

        List<Problem> problems = problems(text);

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo("parameters.oldserver");
            assertThat(p.line()).isEqualTo(lineOf(text, "  oldserver: { type: string }"));
        });
    }

    // ---------------------------------------------------------------- steps

    @Test
    void rejectsDuplicateStepIdsAtTheSecondOccurrence() {
        String text = replaceLine(VALID, "  - id: verify", "  - id: stop-old");

        assertProblem(onlyProblem(text), 23, "steps[2].id", "duplicate step id 'stop-old'", "steps[1]");
    }

    @Test
    void rejectsTargetThatIsABooleanParameter() {
        String text = replaceLine(VALID, "    target: oldServer", "    target: dryRun");

        assertProblem(onlyProblem(text), 19, "steps[1].target",
                "'dryRun' is not a host parameter", "host parameters: oldServer, newServer");
    }

    @Test
    void rejectsTargetThatIsNotDeclared() {
        String text = replaceLine(VALID, "    target: newServer", "    target: thirdServer");

        assertProblem(onlyProblem(text), 26, "steps[2].target",
                "'thirdServer' is not a host parameter", "host parameters: oldServer, newServer");
    }

    @Test
    void rejectsTargetWhenNoHostParameterIsDeclaredSayingToDeclareOne() {
        String text = replaceLine(VALID, "  oldServer: { type: host, description: Server that has the role now }",
                "  oldServer: { type: string }");
        text = replaceLine(text, "    type: host", "    type: hostname");

        List<Problem> problems = problems(text);

        assertThat(problems).hasSize(2);
        assertProblem(problems.get(0), 19, "steps[1].target", "'oldServer' is not a host parameter",
                "declare a parameter of type host first");
        assertProblem(problems.get(1), 26, "steps[2].target", "'newServer' is not a host parameter");
    }

    @Test
    void rejectsPowerShellStepWithoutTargetAtTheStepsLine() {
        String text = removeLine(VALID, "    target: oldServer");

        assertProblem(onlyProblem(text), 16, "steps[1].target",
                "a powershell step needs a target host parameter", "host parameters: oldServer, newServer");
    }

    @Test
    void rejectsCheckStepWithoutTarget() {
        String text = removeLine(VALID, "    target: newServer");

        assertProblem(onlyProblem(text), 23, "steps[2].target", "a check step needs a target host parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "''", "\"   \"", "\" \\n\\t \\n\""})
    void rejectsEmptyOrBlankScript(String written) {
        String text = replaceLine(VALID, "    script: Get-Service -Name Demo", "    script: " + written);

        assertProblem(onlyProblem(text), 28, "steps[2].script", "a check step needs a script, and it is empty");
    }

    @Test
    void rejectsEmptyBlockScript() {
        String text = replaceLine(VALID, "      Stop-Service -Name Demo -ErrorAction Stop", "");

        assertProblem(onlyProblem(text), 21, "steps[1].script", "a powershell step needs a script, and it is empty");
    }

    @Test
    void rejectsPowerShellStepWithoutScriptAtTheStepsLine() {
        String text = removeLine(removeLine(VALID, "    script: |"), "      Stop-Service -Name Demo -ErrorAction Stop");

        assertProblem(onlyProblem(text), 16, "steps[1].script", "a powershell step needs a script");
    }

    @Test
    void rejectsManualStepWithAScript() {
        String text = replaceLine(VALID, "    instructions: Install the software on the new server.",
                "    instructions: Install the software on the new server.\n    script: Get-Date");

        assertProblem(onlyProblem(text), lineOf(text, "    script: Get-Date"), "steps[0].script",
                "a manual step runs no script", "make it kind powershell", "move the commands into instructions");
    }

    @Test
    void rejectsManualStepWithoutInstructionsAtTheStepsLine() {
        String text = removeLine(VALID, "    instructions: Install the software on the new server.");

        assertProblem(onlyProblem(text), 12, "steps[0].instructions", "a manual step needs instructions");
    }

    @Test
    void rejectsManualStepWithBlankInstructions() {
        String text = replaceLine(VALID, "    instructions: Install the software on the new server.",
                "    instructions: '   '");

        assertProblem(onlyProblem(text), 15, "steps[0].instructions", "a manual step needs instructions");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "nobody == x          | 'nobody' is not a parameter of this procedure",
        "mode == rename       | 'rename' is not a value of enum parameter 'mode' (copy, move)",
        "mode != 'Move'       | 'Move' is not a value of enum parameter 'mode' (copy, move)",
        "mode                 | 'mode' is a enum parameter; compare it with == or !=",
        "oldServer            | 'oldServer' is a host parameter; compare it with == or !=",
        "dryRun == maybe      | boolean parameter 'dryRun' can only be compared with true or false, not 'maybe'",
        "mode == 'move        | unclosed quote",
        "dryRun and           | expected a parameter name at the end of 'dryRun and'",
        "(dryRun              | expected ')'",
        "dryRun)              | unexpected ')'",
        "mode = move          | unexpected character '='",
    })
    void rejectsBadWhenAtItsLine(String condition, String message) {
        String text = replaceLine(VALID, "    when: mode == move and not dryRun",
                "    when: \"" + condition.strip() + "\"");

        assertProblem(onlyProblem(text), 27, "steps[2].when", message.strip());
    }

    @Test
    void rejectsUnknownStepKind() {
        String text = replaceLine(VALID, "    kind: check", "    kind: script");

        assertProblem(onlyProblem(text), 25, "steps[2].kind",
                "'script' is not a step kind; use manual, powershell or check");
    }

    @Test
    void rejectsUnknownApproval() {
        String text = replaceLine(VALID, "    approval: on-call", "    approval: maybe");

        assertProblem(onlyProblem(text), 20, "steps[1].approval", "'maybe' is not an approval; use none or on-call");
    }

    @Test
    void rejectsAStepWithoutIdTitleAndKind() {
        String text = replaceLine(VALID, "  - id: prepare", "  - warning: careful");
        text = removeLine(text, "    title: Prepare the new server");
        text = removeLine(text, "    kind: manual");

        List<Problem> problems = problems(text);

        assertThat(problems).extracting(Problem::field)
                .containsExactly("steps[0].id", "steps[0].title", "steps[0].kind");
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.message()).isEqualTo("is missing");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "ten minutes | 'ten minutes' is not a duration; write e.g. 90s, 30m, 4h or PT1H30M",
        "0s          | '0s' must be more than zero and at most 72h",
        "100h        | '100h' must be more than zero and at most 72h",
        "-5m         | '-5m' must be more than zero and at most 72h",
    })
    void rejectsBadTimeoutAtItsLine(String written, String message) {
        String text = replaceLine(VALID, "    approval: on-call", "    approval: on-call\n    timeout: " + written);

        assertProblem(onlyProblem(text), 21, "steps[1].timeout", message);
    }

    // ---------------------------------------------------------------- parameters

    @Test
    void rejectsUnknownParameterTypeListingTheTypes() {
        String text = replaceLine(VALID, "    type: host", "    type: server");

        List<Problem> problems = problems(text);

        assertThat(problems).anySatisfy(p -> assertProblem(p, 7, "parameters.newServer.type",
                "'server' is not a parameter type; use one of host, hostname, windows-path, string, list, boolean,"
                        + " enum, secret"));
    }

    @Test
    void rejectsEnumWithoutValues() {
        String text = replaceLine(VALID, "  mode: { type: enum, values: [copy, move] }", "  mode: { type: enum }");

        List<Problem> problems = problems(text);

        assertThat(problems).anySatisfy(p -> assertProblem(p, 10, "parameters.mode.values",
                "an enum parameter needs its list of values"));
    }

    @Test
    void rejectsEnumWithAnEmptyListOfValues() {
        String text = replaceLine(VALID, "  mode: { type: enum, values: [copy, move] }",
                "  mode:\n    type: enum\n    values: []");

        List<Problem> problems = problems(text);

        assertThat(problems).anySatisfy(p -> assertProblem(p, lineOf(text, "    values: []"),
                "parameters.mode.values", "an enum parameter needs its list of values"));
    }

    @Test
    void rejectsValuesOnANonEnumParameter() {
        String text = replaceLine(VALID, "  dryRun: { type: boolean, default: \"no\" }",
                "  dryRun: { type: boolean, default: \"no\", values: [a] }");

        assertProblem(onlyProblem(text), 9, "parameters.dryRun.values", "only enum parameters take values");
    }

    @Test
    void rejectsPatternOnANonStringParameter() {
        String text = replaceLine(VALID, "  dryRun: { type: boolean, default: \"no\" }",
                "  dryRun:\n    type: boolean\n    pattern: '[a-z]+'");

        assertProblem(onlyProblem(text), lineOf(text, "    pattern: '[a-z]+'"), "parameters.dryRun.pattern",
                "only string and list parameters take a pattern");
    }

    @Test
    void rejectsInvalidRegexPattern() {
        String text = replaceLine(VALID, "  mode: { type: enum, values: [copy, move] }",
                "  mode: { type: enum, values: [copy, move] }\n  share: { type: string, pattern: '[a-z' }");

        assertProblem(onlyProblem(text), 11, "parameters.share.pattern",
                "is not a valid regular expression", "Unclosed character class");
    }

    @Test
    void rejectsSecretWithDefault() {
        String text = replaceLine(VALID, "  mode: { type: enum, values: [copy, move] }",
                "  mode: { type: enum, values: [copy, move] }\n  password:\n    type: secret\n    default: hunter2");

        assertProblem(onlyProblem(text), lineOf(text, "    default: hunter2"), "parameters.password.default",
                "a secret cannot have a default");
    }

    @Test
    void rejectsDefaultThatBreaksTheParametersRule() {
        String text = replaceLine(VALID, "  dryRun: { type: boolean, default: \"no\" }",
                "  dryRun: { type: boolean, default: maybe }");

        assertProblem(onlyProblem(text), 9, "parameters.dryRun.default", "'maybe' is not true or false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "inPut", "input", "psItem", "args", "matches", "error", "home", "pwd", "env",
            "errorActionPreference", "lastExitCode", "psVersionTable", "true", "null"})
    void rejectsParameterNamedLikeAPowerShellAutomaticVariable(String name) {
        String text = replaceLine(VALID, "  mode: { type: enum, values: [copy, move] }",
                "  mode: { type: enum, values: [copy, move] }\n  " + name + ": { type: string }");

        assertProblem(onlyProblem(text), 11, "parameters." + name,
                "'" + name + "' is a PowerShell automatic variable", "pick another name (e.g. " + name + "Name)");
    }

    @Test
    void rejectsParameterNameStartingWithAnUpperCaseLetterSuchAsInput() {
        String text = replaceLine(VALID, "  mode: { type: enum, values: [copy, move] }",
                "  mode: { type: enum, values: [copy, move] }\n  Input: { type: string }");

        assertProblem(onlyProblem(text), 11, "parameters.Input",
                "parameter name 'Input' must start with a lower-case letter and hold only letters and digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"outputEncoding", "maximumHistoryCount", "psDefaultParameterValues",
            "psModuleAutoLoadingPreference", "psSessionOption", "formatEnumerationLimit", "errorView",
            "psEmailServer", "transcript"})
    void rejectsParameterNamedLikeAPowerShellPreferenceVariable(String name) {
        String text = replaceLine(VALID, "  mode: { type: enum, values: [copy, move] }",
                "  mode: { type: enum, values: [copy, move] }\n  " + name + ": { type: string }");

        assertProblem(onlyProblem(text), 11, "parameters." + name, "is a PowerShell automatic variable");
    }

    @Test
    void rejectsParameterWithoutType() {
        String text = replaceLine(VALID, "  mode: { type: enum, values: [copy, move] }",
                "  mode: { type: enum, values: [copy, move] }\n  note:");

        assertProblem(onlyProblem(text), 11, "parameters.note", "needs at least a type (host, hostname,");
    }

    // ---------------------------------------------------------------- the file as a whole

    @Test
    void rejectsIdDifferentFromTheFileName() {
        String text = replaceLine(VALID, "id: demo", "id: other-demo");

        assertProblem(onlyProblem(text), 1, "id", "'other-demo' differs from the file name",
                "name the file other-demo.yml");
    }

    @Test
    void rejectsIdThatIsNotLowerCaseWordsWithHyphens() {
        String text = replaceLine(VALID, "id: demo", "id: Demo_1");

        assertProblem(onlyProblem(text), 1, "id", "must be lower-case words joined by hyphens");
    }

    @Test
    void rejectsVersionBelowOne() {
        String text = replaceLine(VALID, "title: Demo migration", "version: 0\ntitle: Demo migration");

        assertProblem(onlyProblem(text), 2, "version", "must be a whole number from 1 up, not 0");
    }

    @Test
    void rejectsAFileThatHoldsOnlyANullDocumentSayingWhatAProcedureNeeds() {
        Problem problem = onlyProblem("~\n");

        assertProblem(problem, 0, "", "the file is empty; a procedure needs at least id, title, source and steps");
    }

    @Test
    void rejectsAZeroByteFile() {
        List<Problem> problems = problems("");

        assertThat(problems).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# only a comment\n"})
    void rejectsAnEmptyFileSayingWhatAProcedureNeeds(String text) {
        Problem problem = onlyProblem(text);

        assertThat(problem.field()).isEmpty();
        assertThat(problem.message()).contains("the file is empty", "id, title, source and steps");
    }

    @Test
    void rejectsMissingSteps() {
        String text = VALID.substring(0, VALID.indexOf("steps:"));

        assertProblem(onlyProblem(text), 0, "steps", "a procedure needs at least one step");
    }

    @Test
    void rejectsAnEmptyListOfStepsAtItsLine() {
        String text = VALID.substring(0, VALID.indexOf("steps:")) + "steps: []\n";

        assertProblem(onlyProblem(text), 11, "steps", "a procedure needs at least one step");
    }

    @Test
    void rejectsAnEmptyStep() {
        String text = replaceLine(VALID, "  - id: prepare", "  -\n  - id: prepare");

        List<Problem> problems = problems(text);

        assertThat(problems).anySatisfy(p ->
                assertProblem(p, 12, "steps[0]", "is empty; a step needs id, title and kind"));
    }

    @Test
    void rejectsMissingIdTitleAndSource() {
        String text = removeLine(removeLine(removeLine(VALID, "id: demo"), "title: Demo migration"),
                "source: guide.txt, section 1");

        List<Problem> problems = problems(text);

        assertThat(problems).extracting(Problem::field).containsExactly("id", "title", "source");
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.line()).isZero();
            assertThat(p.message()).isEqualTo("is missing");
        });
    }

    @Test
    void reportsEveryProblemOfAFileAtOnce() {
        String text = replaceLine(VALID, "id: demo", "id: other-demo");
        text = replaceLine(text, "  mode: { type: enum, values: [copy, move] }", "  mode: { type: enum }");
        text = replaceLine(text, "    target: oldServer", "    target: dryRun");
        text = replaceLine(text, "    approval: on-call", "    approval: on-call\n    timeout: 0s");
        text = replaceLine(text, "    kind: manual", "    kind: manuel");
        text = replaceLine(text, "    when: mode == move and not dryRun", "    when: dryRun and");

        List<Problem> problems = problems(text);

        assertThat(problems).extracting(Problem::line, Problem::field).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(1, "id"),
                org.assertj.core.groups.Tuple.tuple(10, "parameters.mode.values"),
                org.assertj.core.groups.Tuple.tuple(14, "steps[0].kind"),
                org.assertj.core.groups.Tuple.tuple(19, "steps[1].target"),
                org.assertj.core.groups.Tuple.tuple(21, "steps[1].timeout"),
                org.assertj.core.groups.Tuple.tuple(28, "steps[2].when"));
        ProcedureFileException e = catchThrowableOfType(ProcedureFileException.class, () -> load(VALID
                .replace("id: demo", "id: other-demo").replace("kind: manual", "kind: manuel")));
        assertThat(e.getMessage()).contains("demo.yml:1: id: 'other-demo' differs", "demo.yml:14: steps[0].kind:");
    }

    // ---------------------------------------------------------------- needs (the second hop)

    @Test
    void needsNameActiveDirectoryAndTheShareOfAHostParameter() {
        Procedure procedure = load(replaceLine(VALID, "    target: newServer",
                "    target: newServer\n    needs: [active-directory, {share: oldServer}]"));
        Step verify = procedure.steps().get(2);
        assertThat(verify.needs()).containsExactly(Need.ACTIVE_DIRECTORY, Need.share("oldServer"));
        assertThat(verify.needs()).extracting(Need::word).containsExactly("active-directory", "share: oldServer");
        assertThat(procedure.steps().get(1).needs()).isEmpty();
    }

    @Test
    void aShareOfANameThatIsNoHostParameterIsRefusedNamingStepAndKey() {
        Problem problem = onlyProblem(replaceLine(VALID, "    target: newServer",
                "    target: newServer\n    needs: [{share: mode}]"));
        assertThat(problem.field()).isEqualTo("steps[2].needs[0].share");
        assertThat(problem.message()).isEqualTo(
                "'mode' is not a host parameter of this procedure; host parameters: oldServer, newServer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[domain]", "[{share: oldServer, path: x}]", "[{file: oldServer}]"})
    void anUnknownNeedIsRefusedSayingWhatIsAllowed(String needs) {
        Problem problem = onlyProblem(replaceLine(VALID, "    target: newServer",
                "    target: newServer\n    needs: " + needs));
        assertThat(problem.field()).isEqualTo("steps[2].needs[0]");
        assertThat(problem.message()).contains("is not a need; write active-directory or {share: <host parameter>}");
    }

    @Test
    void aNeedListedTwiceIsRefused() {
        Problem problem = onlyProblem(replaceLine(VALID, "    target: newServer",
                "    target: newServer\n    needs: [active-directory, active-directory]"));
        assertThat(problem.field()).isEqualTo("steps[2].needs[1]");
        assertThat(problem.message()).isEqualTo("'active-directory' is listed twice");
    }
}
