package io.instflow.contract.kafka;

import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** The one wording for a broker that cannot be reached, whatever the failed call threw. */
class KafkaUnavailableExceptionTest {

    private static final String HINT =
            "; is a broker running there? ('instflow kafka start' starts one)";

    @Test
    void shouldNameTheWaitThatRanOutWhenTheTimeoutHasNoMessage() {
        assertThat(
                        KafkaUnavailableException.at(
                                "b:1", "list the topics on", new TimeoutException(), 15))
                .hasMessage("cannot list the topics on b:1: no answer within 15 s" + HINT);
        assertThat(
                        KafkaUnavailableException.at(
                                "b:1",
                                "read t on",
                                new org.apache.kafka.common.errors.TimeoutException("Timeout"),
                                15))
                .hasMessage("cannot read t on b:1: no answer within 15 s" + HINT);
    }

    @Test
    void shouldGiveTheClientsReasonOfAFailedCall() {
        ExecutionException failed =
                new ExecutionException(new UnknownTopicOrPartitionException("no such topic"));

        assertThat(KafkaUnavailableException.at("b:1", "describe t on", failed, 15))
                .hasMessage("cannot describe t on b:1: no such topic" + HINT)
                .hasCause(failed);
    }
}
