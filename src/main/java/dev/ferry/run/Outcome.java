package dev.ferry.run;

/** The engine's answer to a press or a command: accepted or not, and a sentence for the person. */
public record Outcome(boolean accepted, String message) {

    static Outcome accepted(String message) {
        return new Outcome(true, message);
    }

    static Outcome refused(String message) {
        return new Outcome(false, message);
    }
}
