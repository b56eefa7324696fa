package dev.ferry.connector;

/** The script could not be run at all: the message says which host, which transport and what failed. */
public class ConnectorException extends RuntimeException {

    /**
     * Where it went wrong, for the host preflight: the network, the login (the account or its password, or
     * the host's refusal to let an account it authenticated use it), or what came after.
     */
    public enum Stage { CONNECT, LOGIN, RUN }

    private final Stage stage;

    public ConnectorException(String message) {
        this(Stage.RUN, message, null);
    }

    public ConnectorException(String message, Throwable cause) {
        this(Stage.RUN, message, cause);
    }

    public ConnectorException(Stage stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
