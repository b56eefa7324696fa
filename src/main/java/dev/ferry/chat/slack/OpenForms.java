package dev.ferry.chat.slack;

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
 * The start forms that are open in Slack, kept here rather than in the modal's private metadata: the values a
 * person already typed (secrets among them) never travel back to Slack. Bounded in count and age; a form
 * submitted after a restart or after an hour is answered with "start again".
 */
final class OpenForms {

    static final Duration MAX_AGE = Duration.ofHours(1);
    private static final int MAX_OPEN = 1000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> open = new LinkedHashMap<>();
    private final Clock clock;

    OpenForms(Clock clock) {
        this.clock = clock;
    }

    /** What a form was opened for: the procedure, the values given with the command, where and by whom. */
    record Entry(String procedureId, Map<String, String> given, String channel, String userId, Instant openedAt) {
        Entry {
            given = Map.copyOf(given);
        }
    }

    synchronized String add(String procedureId, Map<String, String> given, String channel, String userId) {
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
    synchronized Optional<Entry> find(String id, String userId) {
        expire();
        return Optional.ofNullable(id == null ? null : open.get(id)).filter(e -> e.userId().equals(userId));
    }

    synchronized void close(String id) {
        open.remove(id);
    }

    private void expire() {
        Instant oldest = clock.instant().minus(MAX_AGE);
        open.values().removeIf(e -> e.openedAt().isBefore(oldest));
    }
}
