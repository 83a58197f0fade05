package io.instflow.contract.kafka;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link BrokerProbe} says of addresses that refuse, accept, or cannot be read. */
class BrokerProbeTest {

    @Test
    void shouldNameEveryAddressWhenAllRefuse() throws IOException {
        String first = "localhost:" + closedPort();
        String second = "127.0.0.1:" + closedPort();

        assertThat(BrokerProbe.refusal(first + ", " + second))
                .isEqualTo("nothing listens at " + first + ", " + second + " (connection refused)");
    }

    @Test
    void shouldLeaveTheVerdictToKafkaWhenOneAddressAccepts() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String bootstrap =
                    "localhost:" + closedPort() + ",localhost:" + listening.getLocalPort();

            assertThat(BrokerProbe.refusal(bootstrap)).isNull();
        }
    }

    @Test
    void shouldLeaveTheVerdictToKafkaWhenAnAddressCannotBeReadOrResolved() throws IOException {
        String refused = "localhost:" + closedPort();

        assertThat(BrokerProbe.refusal(refused + ",no-port-here")).isNull();
        assertThat(BrokerProbe.refusal(refused + ",localhost:99999")).isNull();
        assertThat(BrokerProbe.refusal(refused + ",no-such-broker.invalid:9092")).isNull();
    }

    /** A loopback port nothing listens on: bound by this test, then closed. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
