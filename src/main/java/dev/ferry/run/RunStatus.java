package dev.ferry.run;

/** Where a whole run stands. */
public enum RunStatus {
    ACTIVE,
    FINISHED,
    ABORTED;

    public boolean ended() {
        return this != ACTIVE;
    }

    public String words() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
