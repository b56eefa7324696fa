package dev.ferry.procedure;

import java.util.Map;

/**
 * A step's {@code when}: a condition on the run's parameters, decided once when the run starts.
 * The language is {@link ConditionParser}'s: comparisons, {@code not}, {@code and}, {@code or}, brackets.
 */
public interface Condition {

    Condition ALWAYS = new Condition() {
        @Override
        public boolean test(Map<String, String> parameters) {
            return true;
        }

        @Override
        public String text() {
            return "";
        }
    };

    /** Whether the step applies, given the bound (normalised) parameter values. */
    boolean test(Map<String, String> parameters);

    /** The condition as written in the procedure file. */
    String text();

    default boolean isAlways() {
        return text().isEmpty();
    }
}
