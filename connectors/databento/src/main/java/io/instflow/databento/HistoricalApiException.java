package io.instflow.databento;

/** The historical API refused a request, or kept failing after retries. */
public class HistoricalApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public HistoricalApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when there was none. */
    public int status() {
        return status;
    }
}
