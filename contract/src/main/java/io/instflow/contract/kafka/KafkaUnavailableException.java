package io.instflow.contract.kafka;

/** Kafka could not be reached or refused the connector's writes. */
public class KafkaUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
