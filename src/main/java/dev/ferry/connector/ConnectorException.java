package dev.ferry.connector;

/** The script could not be run at all: the message says which host, which transport and what failed. */
public class ConnectorException extends RuntimeException {

    public ConnectorException(String message) {
        super(message);
    }

    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
