package io.instflow.contract.kafka;

import io.instflow.contract.Topic;
import io.instflow.contract.Topics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What each call of {@link TopicAdmin} says when the bootstrap names no broker it can find: an
 * address no resolver knows, or a port nothing listens on.
 */
class TopicAdminTest {

    private static final String NOWHERE = "no-such-broker.invalid:9092";

    @Test
    void shouldNameTheBootstrapAndTheReasonWhenNoAddressResolves() {
        Topics topics = new Topics("");
        for (Runnable call : calls(NOWHERE, topics)) {
            assertThatThrownBy(call::run)
                    .isInstanceOf(KafkaUnavailableException.class)
                    .hasMessageStartingWith("cannot connect to " + NOWHERE + ": ")
                    .hasMessageContaining("resolvable")
                    .hasMessageContaining("'instflow kafka start' starts one");
        }
    }

    @Test
    void shouldSayAtOnceThatNothingListensWhereTheBootstrapPoints() throws IOException {
        String refused;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused = "localhost:" + socket.getLocalPort();
        }
        Topics topics = new Topics("");
        for (Runnable call : calls(refused, topics)) {
            assertThatThrownBy(call::run)
                    .isInstanceOf(KafkaUnavailableException.class)
                    .hasMessage(
                            "cannot connect to "
                                    + refused
                                    + ": nothing listens at "
                                    + refused
                                    + " (connection refused); is a broker running there?"
                                    + " ('instflow kafka start' starts one)");
        }
    }

    @Test
    void shouldRefuseAPartitionCountBelowOneBeforeCallingTheBroker() {
        assertThatThrownBy(() -> TopicAdmin.ensure(NOWHERE, new Topics(""), Topic.Set.IFD, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    /** Every call of {@link TopicAdmin}, on {@code bootstrap}. */
    private static List<Runnable> calls(String bootstrap, Topics topics) {
        return List.of(
                () -> TopicAdmin.ensure(bootstrap, topics, Topic.Set.IFD, 2),
                () -> TopicAdmin.exists(bootstrap, topics.mbo()),
                () -> TopicAdmin.partitions(bootstrap, topics.mbo()),
                () -> TopicAdmin.requireExisting(bootstrap, List.of(topics.mbo()), "x"));
    }
}
