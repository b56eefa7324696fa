package dev.ferry.procedure;

import dev.ferry.yaml.YamlDocument;
import dev.ferry.yaml.YamlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.boot.convert.DurationStyle;

/**
 * Reads one procedure file. Unknown keys, missing fields, duplicate step ids, targets that are not host
 * parameters, bad conditions and empty scripts are all errors that name the file, the line and the field.
 */
public final class ProcedureLoader {

    private static final Pattern STEP_ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Duration LONGEST_TIMEOUT = Duration.ofHours(72);
    /** PowerShell's automatic and preference variables: a parameter bound under one of these names would clash. */
    private static final Set<String> POWERSHELL_VARIABLES = Set.of("args", "consolefilename", "error", "event",
            "eventargs", "eventsubscriber", "executioncontext", "false", "foreach", "home", "host", "input",
            "iscoreclr", "islinux", "ismacos", "iswindows", "lastexitcode", "matches", "myinvocation",
            "nestedpromptlevel", "null", "pid", "profile", "psboundparameters", "pscmdlet", "pscommandpath",
            "psculture", "psdebugcontext", "psedition", "pshome", "psitem", "psscriptroot", "pssenderinfo",
            "psuiculture", "psversiontable", "pwd", "sender", "shellid", "stacktrace", "switch", "this", "true",
            "erroractionpreference", "progresspreference", "verbosepreference", "warningpreference",
            "debugpreference", "informationpreference", "confirmpreference", "whatifpreference", "ofs", "env",
            "outputencoding", "maximumhistorycount", "psdefaultparametervalues", "psmoduleautoloadingpreference",
            "pssessionoption", "pssessionapplicationname", "pssessionconfigurationname", "formatenumerationlimit",
            "errorview", "psemailserver", "transcript", "psstyle", "psnativecommanduseerroractionpreference");

    private ProcedureLoader() {
    }

    public static Procedure load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProcedureFileException(file, List.of(new ProcedureFileException.Problem(0, "",
                    "cannot be read: " + e.getMessage())));
        }
        return parse(file, text);
    }

    /** Parses procedure text read elsewhere, e.g. the copy a run stored; {@code file} names it in errors. */
    public static Procedure parse(Path file, String text) {
        YamlDocument document = YamlDocument.of(text);
        if (document.isEmpty()) {
            throw new ProcedureFileException(file, List.of(new ProcedureFileException.Problem(0, "",
                    "the file is empty; a procedure needs at least id, title, source and steps")));
        }
        ProcedureSpec spec;
        try {
            spec = document.read(ProcedureSpec.class);
        } catch (YamlException e) {
            YamlDocument.Problem problem = e.problem();
            throw new ProcedureFileException(file, List.of(new ProcedureFileException.Problem(problem.line(),
                    problem.field(), problem.message())));
        }
        Validation validation = new Validation(file, document);
        Procedure procedure = validation.procedure(spec);
        if (!validation.problems.isEmpty()) {
            throw new ProcedureFileException(file, validation.problems);
        }
        return procedure;
    }

    /** Collects every problem of one file rather than stopping at the first. */
    private static final class Validation {
        private final Path file;
        private final YamlDocument document;
        private final List<ProcedureFileException.Problem> problems = new ArrayList<>();

        Validation(Path file, YamlDocument document) {
            this.file = file;
            this.document = document;
        }

        void problem(String field, String message) {
            problems.add(new ProcedureFileException.Problem(document.lineOf(field), field, message));
        }

        Procedure procedure(ProcedureSpec spec) {
            String expectedId = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            String id = required("id", spec.id());
            if (id != null && !STEP_ID.matcher(id).matches()) {
                problem("id", "'" + id + "' must be lower-case words joined by hyphens, like galsync-update");
            } else if (id != null && !id.equals(expectedId)) {
                problem("id", "'" + id + "' differs from the file name; name the file " + id + ".yml");
            }
            int version = spec.version() == null ? 1 : spec.version();
            if (version < 1) {
                problem("version", "must be a whole number from 1 up, not " + version);
            }
            String title = required("title", spec.title());
            String source = required("source", spec.source());
            Map<String, Parameter> parameters = parameters(spec.parameters());
            List<Step> steps = steps(spec.steps(), parameters);
            return new Procedure(id, version, title, source, blankToNull(spec.description()),
                    List.copyOf(parameters.values()), steps);
        }

        private Map<String, Parameter> parameters(LinkedHashMap<String, ProcedureSpec.ParameterSpec> specs) {
            Map<String, Parameter> out = new LinkedHashMap<>();
            if (specs == null) {
                return out;
            }
            Map<String, String> byLowerCase = new HashMap<>();
            specs.forEach((name, spec) -> {
                String field = "parameters." + name;
                String earlier = byLowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
                if (earlier != null) {
                    problem(field, "'" + name + "' differs from parameter '" + earlier + "' only in case; PowerShell"
                            + " variables ignore case, so both would be the same $" + earlier + ": rename one");
                    return;
                }
                if (!PARAMETER_NAME.matcher(name).matches()) {
                    problem(field, "parameter name '" + name
                            + "' must start with a lower-case letter and hold only letters and digits");
                    return;
                }
                if (POWERSHELL_VARIABLES.contains(name.toLowerCase(Locale.ROOT))) {
                    problem(field, "'" + name + "' is a PowerShell automatic variable; scripts see parameters as"
                            + " variables, so pick another name (e.g. " + name + "Name)");
                    return;
                }
                if (spec == null) {
                    problem(field, "needs at least a type (" + typeWords() + ")");
                    return;
                }
                Parameter parameter = parameter(name, field, spec);
                if (parameter != null) {
                    out.put(name, parameter);
                }
            });
            return out;
        }

        private Parameter parameter(String name, String field, ProcedureSpec.ParameterSpec spec) {
            String typeWord = required(field + ".type", spec.type());
            if (typeWord == null) {
                return null;
            }
            ParameterType type = ParameterType.fromWord(typeWord);
            if (type == null) {
                problem(field + ".type", "'" + typeWord + "' is not a parameter type; use one of " + typeWords());
                return null;
            }
            Pattern pattern = null;
            if (spec.pattern() != null) {
                if (type != ParameterType.STRING && type != ParameterType.LIST) {
                    problem(field + ".pattern", "only string and list parameters take a pattern");
                } else {
                    try {
                        pattern = Pattern.compile(spec.pattern());
                    } catch (PatternSyntaxException e) {
                        problem(field + ".pattern", "is not a valid regular expression: " + e.getDescription());
                    }
                }
            }
            List<String> values = spec.values() == null ? List.of() : spec.values();
            if (type == ParameterType.ENUM && values.isEmpty()) {
                problem(field + ".values", "an enum parameter needs its list of values");
            } else if (type != ParameterType.ENUM && !values.isEmpty()) {
                problem(field + ".values", "only enum parameters take values");
            }
            if (type == ParameterType.SECRET && spec.defaultValue() != null) {
                problem(field + ".default", "a secret cannot have a default: it would be stored in the file");
            }
            boolean required = spec.required() == null ? spec.defaultValue() == null : spec.required();
            Parameter parameter = new Parameter(name, type, blankToNull(spec.description()), required,
                    spec.defaultValue(), pattern, values);
            if (spec.defaultValue() != null && type != ParameterType.SECRET && type != ParameterType.HOST) {
                Parameter.Checked checked = parameter.check(spec.defaultValue(), host -> true);
                if (checked.error() != null) {
                    problem(field + ".default", checked.error());
                }
            }
            return parameter;
        }

        private List<Step> steps(List<ProcedureSpec.StepSpec> specs, Map<String, Parameter> parameters) {
            List<Step> out = new ArrayList<>();
            if (specs == null || specs.isEmpty()) {
                problem("steps", "a procedure needs at least one step");
                return out;
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < specs.size(); i++) {
                String field = "steps[" + i + "]";
                ProcedureSpec.StepSpec spec = specs.get(i);
                if (spec == null) {
                    problem(field, "is empty; a step needs id, title and kind");
                    continue;
                }
                String id = required(field + ".id", spec.id());
                if (id != null) {
                    if (!STEP_ID.matcher(id).matches()) {
                        problem(field + ".id", "'" + id + "' must be lower-case words joined by hyphens");
                    }
                    Integer earlier = seen.putIfAbsent(id, i);
                    if (earlier != null) {
                        problem(field + ".id", "duplicate step id '" + id + "' (also steps[" + earlier + "])");
                    }
                }
                Step step = step(field, spec, parameters);
                if (step != null) {
                    out.add(step);
                }
            }
            return out;
        }

        private Step step(String field, ProcedureSpec.StepSpec spec, Map<String, Parameter> parameters) {
            String title = required(field + ".title", spec.title());
            String kindWord = required(field + ".kind", spec.kind());
            StepKind kind = kindWord == null ? null : StepKind.fromWord(kindWord);
            if (kindWord != null && kind == null) {
                problem(field + ".kind", "'" + kindWord + "' is not a step kind; use manual, powershell or check");
            }
            if (spec.target() != null) {
                Parameter target = parameters.get(spec.target());
                if (target == null || target.type() != ParameterType.HOST) {
                    problem(field + ".target", "'" + spec.target() + "' is not a host parameter of this procedure"
                            + hostParameters(parameters));
                }
            }
            if (kind != null && kind.runsScript()) {
                if (spec.target() == null) {
                    problem(field + ".target", "a " + kind.word() + " step needs a target host parameter"
                            + hostParameters(parameters));
                }
                if (spec.script() == null || spec.script().isBlank()) {
                    problem(field + ".script", "a " + kind.word() + " step needs a script, and it is empty");
                }
            }
            if (kind == StepKind.MANUAL) {
                if (spec.script() != null) {
                    problem(field + ".script", "a manual step runs no script; make it kind powershell,"
                            + " or move the commands into instructions");
                }
                if (spec.instructions() == null || spec.instructions().isBlank()) {
                    problem(field + ".instructions", "a manual step needs instructions, and they are empty");
                }
            }
            Condition when = Condition.ALWAYS;
            if (spec.when() != null) {
                try {
                    when = ConditionParser.parse(spec.when(), parameters);
                } catch (IllegalArgumentException e) {
                    problem(field + ".when", e.getMessage());
                }
            }
            Approval approval = Approval.NONE;
            if (spec.approval() != null) {
                approval = Approval.fromWord(spec.approval());
                if (approval == null) {
                    problem(field + ".approval", "'" + spec.approval() + "' is not an approval; use none or on-call");
                }
            }
            Duration timeout = timeout(field + ".timeout", spec.timeout());
            List<Need> needs = needs(field + ".needs", spec.needs(), parameters);
            if (title == null || kind == null || approval == null) {
                return null;
            }
            return new Step(spec.id(), title, kind, spec.target(), blankToNull(spec.script()),
                    blankToNull(spec.instructions()), when, approval,
                    Boolean.TRUE.equals(spec.idempotent()), timeout, blankToNull(spec.warning()), needs);
        }

        /** {@code needs: [active-directory, {share: oldServer}]}; each share names a host parameter. */
        private List<Need> needs(String field, List<Object> specs, Map<String, Parameter> parameters) {
            List<Need> out = new ArrayList<>();
            if (specs == null) {
                return out;
            }
            for (int i = 0; i < specs.size(); i++) {
                Object spec = specs.get(i);
                String at = field + "[" + i + "]";
                Need need = null;
                if (Need.Kind.ACTIVE_DIRECTORY.word().equals(spec)) {
                    need = Need.ACTIVE_DIRECTORY;
                } else if (spec instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("share")) {
                    Object name = map.get("share");
                    Parameter host = name instanceof String text ? parameters.get(text) : null;
                    if (host == null || host.type() != ParameterType.HOST) {
                        problem(at + ".share", "'" + name + "' is not a host parameter of this procedure"
                                + hostParameters(parameters));
                    } else {
                        need = Need.share(host.name());
                    }
                } else {
                    problem(at, "'" + spec + "' is not a need; write active-directory or {share: <host parameter>}");
                }
                if (need != null && out.contains(need)) {
                    problem(at, "'" + need.word() + "' is listed twice");
                } else if (need != null) {
                    out.add(need);
                }
            }
            return out;
        }

        private Duration timeout(String field, String text) {
            if (text == null) {
                return Step.DEFAULT_TIMEOUT;
            }
            Duration duration;
            try {
                duration = DurationStyle.detectAndParse(text.strip());
            } catch (IllegalArgumentException e) {
                problem(field, "'" + text + "' is not a duration; write e.g. 90s, 30m, 4h or PT1H30M");
                return Step.DEFAULT_TIMEOUT;
            }
            if (duration.isZero() || duration.isNegative() || duration.compareTo(LONGEST_TIMEOUT) > 0) {
                problem(field, "'" + text + "' must be more than zero and at most 72h");
                return Step.DEFAULT_TIMEOUT;
            }
            return duration;
        }

        private String required(String field, String value) {
            if (value == null || value.isBlank()) {
                problem(field, "is missing");
                return null;
            }
            return value;
        }

        private static String hostParameters(Map<String, Parameter> parameters) {
            List<String> hosts = parameters.values().stream()
                    .filter(p -> p.type() == ParameterType.HOST).map(Parameter::name).toList();
            return hosts.isEmpty() ? "; declare a parameter of type host first"
                    : "; host parameters: " + String.join(", ", hosts);
        }

        private static String typeWords() {
            List<String> words = new ArrayList<>();
            for (ParameterType type : ParameterType.values()) {
                words.add(type.word());
            }
            return String.join(", ", words);
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text.strip();
        }
    }
}
