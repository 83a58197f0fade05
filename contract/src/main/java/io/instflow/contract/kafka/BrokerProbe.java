package io.instflow.contract.kafka;

import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether anything listens at a bootstrap list's addresses. Kafka's clients retry a refused
 * connection until their call's timeout runs out, so a command pointed at a port with no broker
 * would wait out that timeout before saying so; a refused connection to every address says it at
 * once. An address that accepts, or does not answer, leaves the verdict to the Kafka client.
 */
public final class BrokerProbe {

    /** How long one address may take to accept or refuse. */
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private BrokerProbe() {}

    /**
     * Fails at once when every address of {@code bootstrap} refuses a connection.
     *
     * @throws KafkaUnavailableException naming the bootstrap, the refusing addresses and what to
     *     check
     */
    public static void requireListening(String bootstrap) {
        String refusal = refusal(bootstrap);
        if (refusal != null) {
            throw KafkaUnavailableException.at(bootstrap, "connect to", refusal, null);
        }
    }

    /**
     * The reason no broker can listen at {@code bootstrap}, naming each address that refused a
     * connection on every IP it resolves to, or null when one accepts, does not answer in time,
     * does not resolve, or cannot be parsed.
     */
    public static String refusal(String bootstrap) {
        List<String> refused = new ArrayList<>();
        for (String entry : bootstrap.split(",")) {
            String address = entry.trim();
            String host = Utils.getHost(address);
            Integer port = Utils.getPort(address);
            if (host == null || port == null || port < 0 || port > 0xFFFF) {
                return null;
            }
            try {
                for (InetAddress ip : InetAddress.getAllByName(host)) {
                    if (!refuses(ip, port)) {
                        return null;
                    }
                }
            } catch (IOException e) {
                return null;
            }
            refused.add(address);
        }
        return "nothing listens at " + String.join(", ", refused) + " (connection refused)";
    }

    /**
     * Whether {@code ip} refuses a connection to {@code port}; false when it accepts.
     *
     * @throws IOException when it does not answer in time or cannot be reached
     */
    private static boolean refuses(InetAddress ip, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), CONNECT_TIMEOUT_MS);
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }
}
