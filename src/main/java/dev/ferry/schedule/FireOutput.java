package dev.ferry.schedule;

import dev.ferry.connector.OutputListener;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The output of one fire as it arrives from its scripts: the last lines for chat, the whole (capped) for a file. */
final class FireOutput implements OutputListener {

    private static final int KEPT_LINES = 200;
    private static final int TEXT_LIMIT = 1_000_000;

    private final Deque<String> last = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    private boolean truncated;

    @Override
    public synchronized void line(Stream stream, String line) {
        String shown = stream == Stream.STDERR ? "[stderr] " + line : line;
        last.addLast(shown);
        if (last.size() > KEPT_LINES) {
            last.removeFirst();
        }
        if (text.length() + shown.length() + 1 <= TEXT_LIMIT) {
            text.append(shown).append('\n');
        } else {
            truncated = true;
        }
    }

    /** A line of Ferry's own, e.g. the step that starts. */
    synchronized void note(String line) {
        line(Stream.STDOUT, line);
    }

    synchronized List<String> tail(int lines) {
        List<String> all = List.copyOf(last);
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }

    synchronized String text() {
        return truncated ? text + "[… output cut at " + TEXT_LIMIT + " characters]\n" : text.toString();
    }
}
