package dev.ferry.connector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A script body plus the values bound to it. Values never enter the body: each becomes an assignment
 * in a prelude, written as a single-quoted PowerShell literal in which every character PowerShell
 * accepts as a single quote (' U+2018 U+2019 U+201A U+201B) is doubled. Inside such a literal nothing
 * else is special ($, backtick, double quotes, newlines and NUL are plain text), so no value can end
 * the literal and become code.
 */
public final class PowerShellScript {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final String SINGLE_QUOTES = "'\u2018\u2019\u201A\u201B";
    private static final String MASK = "'********'";

    private final String body;
    private final List<Binding> bindings;

    private PowerShellScript(String body, List<Binding> bindings) {
        this.body = body;
        this.bindings = List.copyOf(bindings);
    }

    public static PowerShellScript of(String body) {
        return new PowerShellScript(body, List.of());
    }

    public static Builder builder(String body) {
        return new Builder(body);
    }

    /** The text that runs on the host. */
    public String text() {
        return render(false);
    }

    /** The text that runs, with each secret replaced by a mask: what chat and plans show. */
    public String display() {
        return render(true);
    }

    /** The body as the procedure wrote it, without the prelude. */
    public String body() {
        return body;
    }

    /** Secret values bound into this script, for scrubbing output. */
    public Set<String> secretValues() {
        Set<String> out = new LinkedHashSet<>();
        bindings.stream().filter(Binding::secret).forEach(b -> out.addAll(b.secretValues()));
        return Collections.unmodifiableSet(out);
    }

    private String render(boolean masked) {
        if (bindings.isEmpty()) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        for (Binding binding : bindings) {
            out.append('$').append(binding.name()).append(" = ")
                    .append(masked && binding.secret() ? MASK : binding.literal()).append('\n');
        }
        return out.append(body).toString();
    }

    /** A PowerShell single-quoted literal whose content is exactly {@code value}. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c);
            if (SINGLE_QUOTES.indexOf(c) >= 0) {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private record Binding(String name, String literal, boolean secret, List<String> secretValues) {
    }

    /** Collects the values of one script; each name may be bound once. */
    public static final class Builder {
        private final String body;
        private final List<Binding> bindings = new ArrayList<>();
        private final Set<String> names = new LinkedHashSet<>();

        private Builder(String body) {
            this.body = body;
        }

        public Builder string(String name, String value) {
            return add(name, quote(value), false, List.of());
        }

        public Builder secret(String name, String value) {
            return add(name, quote(value), true, List.of(value));
        }

        public Builder bool(String name, boolean value) {
            return add(name, value ? "$true" : "$false", false, List.of());
        }

        /** Binds {@code $null}: an optional parameter that was not given. */
        public Builder nothing(String name) {
            return add(name, "$null", false, List.of());
        }

        public Builder list(String name, List<String> values) {
            List<String> quoted = values.stream().map(PowerShellScript::quote).toList();
            return add(name, "@(" + String.join(", ", quoted) + ")", false, List.of());
        }

        private Builder add(String name, String literal, boolean secret, List<String> secretValues) {
            if (!VARIABLE.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' cannot be a PowerShell variable name");
            }
            // PowerShell variable names ignore case: $v and $V are one variable.
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("'" + name + "' is bound twice (PowerShell ignores case in names)");
            }
            bindings.add(new Binding(name, literal, secret, secretValues));
            return this;
        }

        public PowerShellScript build() {
            return new PowerShellScript(body, bindings);
        }
    }
}
