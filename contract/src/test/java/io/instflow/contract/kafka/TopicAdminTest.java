package io.instflow.contract.kafka;

import io.instflow.contract.Topic;
import io.instflow.contract.Topics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each call of {@link TopicAdmin} says when the bootstrap names no broker it can find. */
class TopicAdminTest {

    private static final String NOWHERE = "no-such-broker.invalid:9092";

    @Test
    void shouldNameTheBootstrapAndTheReasonWhenNoAddressResolves() {
        Topics topics = new Topics("");
        List<Runnable> calls =
                List.of(
                        () -> TopicAdmin.ensure(NOWHERE, topics, Topic.Set.IFD, 2),
                        () -> TopicAdmin.exists(NOWHERE, topics.mbo()),
                        () -> TopicAdmin.partitions(NOWHERE, topics.mbo()),
                        () -> TopicAdmin.requireExisting(NOWHERE, List.of(topics.mbo()), "x"));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run)
                    .isInstanceOf(KafkaUnavailableException.class)
                    .hasMessageStartingWith("cannot connect to " + NOWHERE + ": ")
                    .hasMessageContaining("resolvable")
                    .hasMessageContaining("'instflow kafka start' starts one");
        }
    }

    @Test
    void shouldRefuseAPartitionCountBelowOneBeforeCallingTheBroker() {
        assertThatThrownBy(() -> TopicAdmin.ensure(NOWHERE, new Topics(""), Topic.Set.IFD, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }
}
