package dev.ferry.connector;

/** Receives a script's output while it runs, a line at a time. */
@FunctionalInterface
public interface OutputListener {

    OutputListener NONE = (stream, line) -> { };

    void line(Stream stream, String line);

    enum Stream { STDOUT, STDERR }
}
