package io.instflow.databento;

/**
 * A failure of the live session. {@link #fatal()} ones (bad credentials, deactivated key,
 * connection limit, invalid subscription) are not retried: the message says what to fix.
 */
public class GatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean fatal;

    public GatewayException(String message, boolean fatal) {
        super(message);
        this.fatal = fatal;
    }

    public GatewayException(String message, boolean fatal, Throwable cause) {
        super(message, cause);
        this.fatal = fatal;
    }

    public boolean fatal() {
        return fatal;
    }
}
