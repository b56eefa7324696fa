package dev.ferry.chat;

/** An engine's answer in a person's words: taken or not, and the sentence that says so ({@link RefusalWords}). */
public record Outcome(boolean accepted, String message) {
}
