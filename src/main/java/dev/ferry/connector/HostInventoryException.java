package dev.ferry.connector;

/** The inventory file cannot be used; the message names the file, line or field, and what to change. */
public class HostInventoryException extends RuntimeException {

    public HostInventoryException(String message) {
        super(message);
    }
}
