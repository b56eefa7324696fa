package dev.ferry.procedure;

/** What a person confirms in a step, as DESIGN.md's words define it. */
public enum StepKind {
    /** A person does the work and presses Done. */
    MANUAL("manual"),
    /** Ferry runs a script on the target host after Run is pressed. */
    POWERSHELL("powershell"),
    /** A read-only script whose result decides pass or fail; it runs as soon as it is reached. */
    CHECK("check");

    private final String word;

    StepKind(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public boolean runsScript() {
        return this != MANUAL;
    }

    static StepKind fromWord(String word) {
        for (StepKind kind : values()) {
            if (kind.word.equals(word)) {
                return kind;
            }
        }
        return null;
    }
}
