package dev.ferry.procedure;

import java.util.Objects;

/**
 * What a step needs beyond its own host: a second hop from the session on its target, which a session
 * without delegable credentials cannot make.
 *
 * @param kind          what the step reaches
 * @param hostParameter for {@link Kind#SHARE}, the host parameter whose administrative share C$ the step
 *                      reads; null for {@link Kind#ACTIVE_DIRECTORY}
 */
public record Need(Kind kind, String hostParameter) {

    public enum Kind {
        /** The step binds to the domain (every Exchange 2007 cmdlet reads Active Directory). */
        ACTIVE_DIRECTORY("active-directory"),
        /** The step reads {@code \\<host>\C$\...} of another host of the run. */
        SHARE("share");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public static final Need ACTIVE_DIRECTORY = new Need(Kind.ACTIVE_DIRECTORY, null);

    public Need {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.SHARE) != (hostParameter != null)) {
            throw new IllegalArgumentException("a share need names a host parameter, and only it does");
        }
    }

    public static Need share(String hostParameter) {
        return new Need(Kind.SHARE, hostParameter);
    }

    /** As written in a procedure file and shown by {@code /migrate show}: {@code active-directory}, {@code share: oldServer}. */
    public String word() {
        return kind == Kind.SHARE ? "share: " + hostParameter : kind.word();
    }
}
