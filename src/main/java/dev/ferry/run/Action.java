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
    MARK_DONE("mark-done", "Mark done"),
    APPROVE("approve", "Approve"),
    REJECT("reject", "Reject"),
    /** Asks for an approval again after a rejection or an expired request. */
    ASK_AGAIN("ask-again", "Ask again");

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

    /** Whether pressing it is an approver's decision rather than an operator's. */
    public boolean decidesApproval() {
        return this == APPROVE || this == REJECT;
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
