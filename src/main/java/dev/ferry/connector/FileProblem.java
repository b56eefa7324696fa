package dev.ferry.connector;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Says in words why a file Ferry was told to read could not be read: no exception names reach a person. */
final class FileProblem {

    private FileProblem() {
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "there is no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "Ferry's process is not allowed to read it";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of its path is a file, not a folder";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "the file system gave no reason" : "the file system says: "
                + message.strip();
    }
}
