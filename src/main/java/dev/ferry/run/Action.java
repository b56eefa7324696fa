package dev.ferry.run;

import java.util.Locale;
import java.util.Optional;

/** A button on a step message. Its word is what the console takes and what Slack and Discord carry. */
public enum Action {
    RUN("run", "Run"),
    DONE("done", "Done"),
    SKIP("skip", "Skip"),
    ABORT("abort", "Abort"),
    RETRY("retry", "Retry"),
    MARK_DONE("mark-done", "Mark done");

    private final String word;
    private final String label;

    Action(String word, String label) {
        this.word = word;
        this.label = label;
    }

    public String word() {
        return word;
    }

    public String label() {
        return label;
    }

    public static Optional<Action> fromWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (Action action : values()) {
            if (action.word.equals(lower)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
