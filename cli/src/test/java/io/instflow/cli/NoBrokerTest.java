package io.instflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands that talk to Kafka, pointed at a port nothing listens on, say so at once instead of
 * waiting out the Kafka client's timeout.
 */
class NoBrokerTest {

    @TempDir Path dir;

    @Test
    void shouldSayNothingListensAtTheBootstrap() throws IOException {
        String bootstrap = "localhost:" + closedPort();
        List<String[]> commands =
                List.of(
                        new String[] {"kafka", "topics", "--bootstrap", bootstrap},
                        new String[] {
                            "kafka", "create-topics", "--bootstrap", bootstrap, "--set", "input"
                        },
                        new String[] {"prepare-deployment", "--bootstrap", bootstrap},
                        new String[] {
                            "alert",
                            "--bootstrap",
                            bootstrap,
                            "--webhook",
                            "http://localhost:1/hook",
                            "--state",
                            dir.resolve("alert-state.json").toString()
                        });
        for (String[] command : commands) {
            StringWriter err = new StringWriter();
            int exit =
                    InstflowCommand.run(
                            new PrintWriter(new StringWriter()), new PrintWriter(err), command);

            assertThat(exit).as(String.join(" ", command)).isEqualTo(InstflowCommand.EXIT_IO);
            assertThat(err.toString())
                    .as(String.join(" ", command))
                    .contains(
                            "error: cannot connect to "
                                    + bootstrap
                                    + ": nothing listens at "
                                    + bootstrap
                                    + " (connection refused); is a broker running there?");
        }
    }

    /** A loopback port nothing listens on: bound by this test, then closed. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
