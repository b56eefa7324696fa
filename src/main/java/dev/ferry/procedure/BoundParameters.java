package dev.ferry.procedure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parameter values that passed their rules, normalised, in the procedure's order. Secret values are
 * held here only in memory; {@link #publicValues()} is what may be shown, stored or logged.
 */
public final class BoundParameters {

    public static final String SECRET_SET = "********";

    private final Map<String, String> values;
    private final Set<String> secrets;

    public BoundParameters(Map<String, String> values, Set<String> secrets) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.secrets = Collections.unmodifiableSet(new TreeSet<>(secrets));
    }

    /** Every value, secrets included: only for binding into a script. */
    public Map<String, String> values() {
        return values;
    }

    public Set<String> secretNames() {
        return secrets;
    }

    /** Values with each secret replaced by a mask that says only that it is set. */
    public Map<String, String> publicValues() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((name, value) -> out.put(name, secrets.contains(name) ? SECRET_SET : value));
        return out;
    }
}
