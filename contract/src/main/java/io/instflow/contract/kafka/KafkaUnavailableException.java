package io.instflow.contract.kafka;

import java.util.concurrent.TimeoutException;

/** Kafka could not be reached or refused the connector's writes. */
public class KafkaUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@code cannot ACTION BOOTSTRAP: REASON; is a broker running there?}, with how to start one:
     * the one wording for a broker that cannot be reached.
     */
    public static KafkaUnavailableException at(
            String bootstrap, String action, String reason, Throwable cause) {
        return new KafkaUnavailableException(
                "cannot "
                        + action
                        + " "
                        + bootstrap
                        + ": "
                        + reason
                        + "; is a broker running there? ('instflow kafka start' starts one)",
                cause);
    }

    /**
     * As above, the reason taken from a failed call: the Kafka client's message, or the wait of
     * {@code waitedSeconds} that ran out (whose exception has no message of its own).
     */
    public static KafkaUnavailableException at(
            String bootstrap, String action, Exception e, long waitedSeconds) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String reason =
                e instanceof TimeoutException
                                || e instanceof org.apache.kafka.common.errors.TimeoutException
                        ? "no answer within " + waitedSeconds + " s"
                        : cause.getMessage() != null
                                ? cause.getMessage()
                                : cause.getClass().getSimpleName();
        return at(bootstrap, action, reason, e);
    }
}
