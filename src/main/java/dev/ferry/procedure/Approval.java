package dev.ferry.procedure;

/** Whether a step waits for an on-call approver before it runs. */
public enum Approval {
    NONE("none"),
    ON_CALL("on-call");

    private final String word;

    Approval(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    static Approval fromWord(String word) {
        for (Approval approval : values()) {
            if (approval.word.equals(word)) {
                return approval;
            }
        }
        return null;
    }
}
