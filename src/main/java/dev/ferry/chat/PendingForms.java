package dev.ferry.chat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The start forms that are open on a platform (a Slack or Discord modal asking for the parameters a start lacks),
 * kept here rather than in the form: the values a person already gave (secrets among them) never travel back to the
 * platform, which carries only the form's random id. The same bound on every platform: at most {@value #MAX_OPEN}
 * open, each for {@link #MAX_AGE}; a form submitted later, or after a restart, is answered with {@link #GONE}.
 */
public final class PendingForms {

    public static final Duration MAX_AGE = Duration.ofHours(1);
    public static final int MAX_OPEN = 1000;
    /** What a person is told who submits a form that is no longer open. */
    public static final String GONE = "That form is no longer open (forms wait an hour and do not outlive a restart"
            + " of Ferry); nothing was started. Use /migrate start again.";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> open = new LinkedHashMap<>();
    private final Clock clock;

    public PendingForms(Clock clock) {
        this.clock = clock;
    }

    /** What a form was opened for: the procedure, the values given with the command, where and by whom. */
    public record Entry(String procedureId, Map<String, String> given, String channel, String userId, Instant openedAt) {
        public Entry {
            given = Map.copyOf(given);
        }
    }

    public synchronized String add(String procedureId, Map<String, String> given, String channel, String userId) {
        expire();
        if (open.size() >= MAX_OPEN) {
            Iterator<String> oldest = open.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        open.put(id, new Entry(procedureId, given, channel, userId, clock.instant()));
        return id;
    }

    /** The form, if it is still open and was opened by {@code userId}. */
    public synchronized Optional<Entry> find(String id, String userId) {
        expire();
        return Optional.ofNullable(id == null ? null : open.get(id)).filter(e -> e.userId().equals(userId));
    }

    public synchronized void close(String id) {
        open.remove(id);
    }

    private void expire() {
        Instant oldest = clock.instant().minus(MAX_AGE);
        open.values().removeIf(e -> e.openedAt().isBefore(oldest));
    }
}
