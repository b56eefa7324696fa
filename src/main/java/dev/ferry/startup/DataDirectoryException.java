package dev.ferry.startup;

/** A directory Ferry keeps its data in cannot be used; the texts say which, why, and what to do. */
final class DataDirectoryException extends RuntimeException {

    private final String action;

    DataDirectoryException(String description, String action) {
        super(description);
        this.action = action;
    }

    String action() {
        return action;
    }
}
