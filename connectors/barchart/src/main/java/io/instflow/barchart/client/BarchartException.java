package io.instflow.barchart.client;

import java.time.Duration;

/** A classified Barchart failure; messages never contain cookies or tokens. */
public final class BarchartException extends Exception {

    private static final long serialVersionUID = 1L;

    private final FailureKind kind;
    private final transient Duration retryAfter;

    public BarchartException(FailureKind kind, String message, Duration retryAfter) {
        super(kind + ": " + message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public FailureKind kind() {
        return kind;
    }

    /** How long until the client sends again; null when it may retry at once. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
