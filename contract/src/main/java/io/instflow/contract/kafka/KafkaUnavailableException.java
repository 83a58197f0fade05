package io.instflow.contract.kafka;

/** Kafka could not be reached or refused the connector's writes. */
public class KafkaUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What to check when no broker answers at a bootstrap, for the end of a message. */
    public static final String NO_BROKER_HINT =
            "is a broker running there? ('instflow kafka start' starts one)";

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
