package io.instflow.databento;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Immutable settings of a {@link LiveClient}; {@link Builder#build()} fills defaults and rejects
 * nonsense, naming the setting.
 */
public record LiveClientConfig(
        String host,
        int port,
        String dataset,
        ApiKey apiKey,
        List<Subscription> subscriptions,
        Duration heartbeatInterval,
        Duration livenessSlack,
        Duration connectTimeout,
        Duration authTimeout,
        boolean zstd,
        boolean tsOut,
        ReconnectPolicy reconnect,
        String client) {

    /** The default gateway of GLBX.MDP3. */
    public static final String DEFAULT_HOST = "glbx-mdp3.lsg.databento.com";

    public static final int DEFAULT_PORT = 13000;

    public static Builder builder(ApiKey key) {
        return new Builder(key);
    }

    /** Gateway host for a dataset: its code in lower case with '.' replaced by '-'. */
    public static String defaultHost(String dataset) {
        return dataset.toLowerCase(java.util.Locale.ROOT).replace('.', '-') + ".lsg.databento.com";
    }

    public static final class Builder {
        private final ApiKey key;
        private String host;
        private int port = DEFAULT_PORT;
        private String dataset = "GLBX.MDP3";
        private final List<Subscription> subscriptions = new ArrayList<>();
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration livenessSlack = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration authTimeout = Duration.ofSeconds(30);
        private boolean zstd;
        private boolean tsOut;
        private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;
        private String client = "instflow/0.1 Java/" + Runtime.version().feature();

        private Builder(ApiKey key) {
            this.key = key;
        }

        public Builder gateway(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        public Builder dataset(String v) {
            dataset = v;
            return this;
        }

        public Builder subscribe(Subscription s) {
            subscriptions.add(s);
            return this;
        }

        public Builder heartbeatInterval(Duration v) {
            heartbeatInterval = v;
            return this;
        }

        public Builder livenessSlack(Duration v) {
            livenessSlack = v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        public Builder authTimeout(Duration v) {
            authTimeout = v;
            return this;
        }

        public Builder zstd(boolean v) {
            zstd = v;
            return this;
        }

        public Builder tsOut(boolean v) {
            tsOut = v;
            return this;
        }

        public Builder reconnect(ReconnectPolicy v) {
            reconnect = v;
            return this;
        }

        public LiveClientConfig build() {
            if (key == null) {
                throw new IllegalArgumentException("an API key is required");
            }
            if (subscriptions.isEmpty()) {
                throw new IllegalArgumentException(
                        "at least one subscription is required (--schema and --symbols)");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("gateway port must be 1 to 65535, got " + port);
            }
            if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
                throw new IllegalArgumentException("heartbeat interval must be positive");
            }
            String h = host != null ? host : defaultHost(dataset);
            return new LiveClientConfig(
                    h,
                    port,
                    dataset,
                    key,
                    List.copyOf(subscriptions),
                    heartbeatInterval,
                    livenessSlack,
                    connectTimeout,
                    authTimeout,
                    zstd,
                    tsOut,
                    reconnect,
                    client);
        }
    }

    /** How long a silent connection is tolerated: the heartbeat interval plus slack. */
    public Duration livenessTimeout() {
        return heartbeatInterval.plus(livenessSlack);
    }
}
