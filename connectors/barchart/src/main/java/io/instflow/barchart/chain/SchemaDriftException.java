package io.instflow.barchart.chain;

/**
 * A response that is JSON but not the shape the spec describes: missing {@code data} or {@code
 * raw}, wrong types.
 */
public final class SchemaDriftException extends Exception {

    private static final long serialVersionUID = 1L;

    public SchemaDriftException(String message) {
        super(message);
    }
}
