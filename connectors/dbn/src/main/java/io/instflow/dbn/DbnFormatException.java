package io.instflow.dbn;

/**
 * The one error type of the DBN codec: the input is not DBN, is of an unsupported version, is
 * truncated, or is corrupt. The message names what was wrong and where (stream offset, record type,
 * length) so that a user can tell a bad file from a bug.
 */
public class DbnFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DbnFormatException(String message) {
        super(message);
    }

    public DbnFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
