package dev.ferry.schedule;

import java.util.List;
import java.util.stream.Collectors;

/** A schedule that cannot be added: each problem names the field (a schedule key or a parameter) and what to do. */
public class InvalidScheduleException extends RuntimeException {

    private final List<Problem> problems;

    InvalidScheduleException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * @param field   {@code procedure}, {@code cron}, {@code tz}, {@code host}, {@code channel}, {@code platform}
     *                or the name of a procedure parameter
     * @param message what is wrong and what to write instead
     */
    public record Problem(String field, String message) {

        @Override
        public String toString() {
            return field + ": " + message;
        }
    }
}
