package dev.ferry.durability;

import dev.ferry.run.StepState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the console showed a person, read back from its lines exactly as printed: the runs it said it started,
 * the furthest state it showed of each step, and the runs it said had ended. The crash test holds the database
 * to all of it after each kill.
 */
final class Transcript {

    private static final Pattern STARTED = Pattern.compile("^Started run (R\\d+) of (\\S+)");
    private static final Pattern ONE_LINE = Pattern.compile("^   (R\\d+) · step (\\d+)/\\d+ · [^:]+: (.+)$");
    private static final Pattern BLOCK_HEAD = Pattern.compile("^── (R\\d+) · step (\\d+)/\\d+ · ");
    private static final Pattern BUTTONS = Pattern.compile("^   → type: (.+)$");
    private static final Pattern ENDED = Pattern.compile("^══ Run (R\\d+) (finished|aborted) · ");
    private static final Pattern ATTEMPT = Pattern.compile("^ · attempt (\\d+)");
    /** Longest first, so "marked done" is not read as "done". */
    private static final List<StepState> BY_WORDS = Arrays.stream(StepState.values())
            .sorted(Comparator.comparingInt((StepState s) -> s.words().length()).reversed()).toList();

    /** A step as it was shown: its attempt (0 when the message did not say) and state. */
    record Shown(int attempt, StepState state, String line) {

        /** How far a step has come within one attempt: a later state never goes back to an earlier one. */
        int rank() {
            return rankOf(state);
        }

        static int rankOf(StepState state) {
            return switch (state) {
                case PENDING -> 0;
                case WAITING -> 1;
                case AWAITING_APPROVAL, REJECTED, APPROVAL_EXPIRED -> 2;
                case EXECUTING -> 3;
                case FAILED, TIMED_OUT, OUTCOME_UNKNOWN -> 4;
                default -> 5;
            };
        }

        boolean behind(Shown other) {
            return attempt < other.attempt || (attempt == other.attempt && rank() < other.rank());
        }
    }

    private final Map<String, String> started = new LinkedHashMap<>();
    private final List<String> startLines = new ArrayList<>();
    private final Map<String, Map<Integer, Shown>> steps = new HashMap<>();
    private final Map<String, String> ended = new HashMap<>();

    /** Reads the lines one Ferry process printed. */
    void read(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m;
            if ((m = STARTED.matcher(line)).find()) {
                startLines.add(m.group(1));
                started.put(m.group(1), line);
            } else if ((m = ONE_LINE.matcher(line)).find()) {
                String run = m.group(1);
                String step = m.group(2);
                status(m.group(3)).ifPresent(shown -> note(run, step, shown));
            } else if ((m = BLOCK_HEAD.matcher(line)).find()) {
                Optional<Shown> shown = block(lines, i + 1);
                String run = m.group(1);
                String step = m.group(2);
                shown.ifPresent(s -> note(run, step, s));
            } else if ((m = ENDED.matcher(line)).find()) {
                ended.put(m.group(1), m.group(2));
            }
        }
    }

    /** A whole step message: its buttons say it waits, or its status line says where it stands. */
    private static Optional<Shown> block(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher buttons = BUTTONS.matcher(line);
            if (buttons.find()) {
                if (buttons.group(1).startsWith("run ·") || buttons.group(1).startsWith("done ·")) {
                    return Optional.of(new Shown(0, StepState.WAITING, line));
                }
                // Another state: its status line came before the buttons.
                for (int j = i - 1; j >= from; j--) {
                    if (lines.get(j).startsWith("   ") && !lines.get(j).startsWith("    ")) {
                        Optional<Shown> status = status(lines.get(j).substring(3));
                        if (status.isPresent()) {
                            return status;
                        }
                    }
                }
                return Optional.empty();
            }
            if (BLOCK_HEAD.matcher(line).find()) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** "succeeded · attempt 2 · …" → attempt 2, succeeded; the attempt is 1 when not named. */
    private static Optional<Shown> status(String text) {
        for (StepState state : BY_WORDS) {
            if (text.startsWith(state.words()) && (text.length() == state.words().length()
                    || text.startsWith(" · ", state.words().length()))) {
                Matcher attempt = ATTEMPT.matcher(text.substring(state.words().length()));
                int number = attempt.find() ? Integer.parseInt(attempt.group(1)) : 1;
                return Optional.of(new Shown(number, state, text));
            }
        }
        return Optional.empty();
    }

    private void note(String run, String stepNumber, Shown shown) {
        steps.computeIfAbsent(run, r -> new HashMap<>())
                .merge(Integer.parseInt(stepNumber) - 1, shown, (old, now) -> old.behind(now) ? now : old);
    }

    /** Runs the console said it started, with the line that said so. */
    Map<String, String> started() {
        return started;
    }

    /** Every "Started run" the console printed, in order: an id printed twice was reused. */
    List<String> startLines() {
        return startLines;
    }

    /** The furthest state shown of each step, by run and step index. */
    Map<String, Map<Integer, Shown>> steps() {
        return steps;
    }

    /** Runs the console said had ended, with "finished" or "aborted". */
    Map<String, String> ended() {
        return ended;
    }
}
