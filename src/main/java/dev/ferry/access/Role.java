package dev.ferry.access;

import java.util.Locale;

/** What a person may do in Ferry. A person may hold several. */
public enum Role {
    /** Starts runs and presses step buttons. */
    OPERATOR,
    /** Belongs to the on-call group: approves or rejects risky steps (never their own). */
    APPROVER,
    /** Manages schedules and checks hosts. */
    ADMIN;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
