package io.instflow.schemas;

/** Bytes that are not a single-object-encoded value of the expected Avro type. */
public class AvroDecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AvroDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
