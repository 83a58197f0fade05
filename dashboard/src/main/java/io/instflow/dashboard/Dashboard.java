package io.instflow.dashboard;

import io.instflow.dashboard.feed.DashboardTopics;
import io.instflow.dashboard.feed.DatabentoHistory;
import io.instflow.dashboard.feed.HistoryFallback;
import io.instflow.dashboard.feed.TopicFeed;
import io.instflow.dashboard.server.DashboardServer;
import io.instflow.dashboard.server.EventHub;
import io.instflow.dashboard.server.Frames;
import io.instflow.dashboard.state.DashboardState;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard service assembled: a topic reader feeding the state, the web server reading it, a
 * heartbeat every second so that pages know whether data still flows, and the fallback to a
 * historical source when the topics have nothing to show.
 */
public final class Dashboard implements AutoCloseable {

    /**
     * @param host address to listen on (127.0.0.1 for this machine only, 0.0.0.0 for all)
     * @param port 0 for any free port
     * @param historyPerPartition records read back per partition on start
     * @param staleAfter silence on the live topics after which the page says the data is stale
     * @param token bearer token every request must carry, or null (loopback binds only)
     * @param fallback where to fetch history when the topics have none, or null
     */
    public record Options(
            String bootstrap,
            String host,
            int port,
            String topicPrefix,
            String inputPrefix,
            int historyPerPartition,
            Duration staleAfter,
            int barsPerSeries,
            int signalCapacity,
            String token,
            DatabentoHistory fallback) {

        public static Options defaults(String bootstrap) {
            return new Options(
                    bootstrap,
                    "127.0.0.1",
                    8050,
                    "",
                    "",
                    5_000,
                    Duration.ofSeconds(90),
                    100,
                    500,
                    null,
                    null);
        }

        public Options withPort(int newPort) {
            return new Options(
                    bootstrap,
                    host,
                    newPort,
                    topicPrefix,
                    inputPrefix,
                    historyPerPartition,
                    staleAfter,
                    barsPerSeries,
                    signalCapacity,
                    token,
                    fallback);
        }

        /**
         * With a bearer token every request must carry (header, {@code ?token=} or the cookie the
         * page gets); required when {@code host} is not a loopback address.
         */
        public Options withToken(String newToken) {
            return new Options(
                    bootstrap,
                    host,
                    port,
                    topicPrefix,
                    inputPrefix,
                    historyPerPartition,
                    staleAfter,
                    barsPerSeries,
                    signalCapacity,
                    newToken,
                    fallback);
        }

        public Options withPrefixes(String outputs, String inputs) {
            return new Options(
                    bootstrap,
                    host,
                    port,
                    outputs,
                    inputs,
                    historyPerPartition,
                    staleAfter,
                    barsPerSeries,
                    signalCapacity,
                    token,
                    fallback);
        }

        public Options withFallback(DatabentoHistory newFallback) {
            return new Options(
                    bootstrap,
                    host,
                    port,
                    topicPrefix,
                    inputPrefix,
                    historyPerPartition,
                    staleAfter,
                    barsPerSeries,
                    signalCapacity,
                    token,
                    newFallback);
        }

        public Options withStaleAfter(Duration newStaleAfter) {
            return new Options(
                    bootstrap,
                    host,
                    port,
                    topicPrefix,
                    inputPrefix,
                    historyPerPartition,
                    newStaleAfter,
                    barsPerSeries,
                    signalCapacity,
                    token,
                    fallback);
        }
    }

    private final DashboardState state;
    private final TopicFeed feed;
    private final Thread feedThread;
    private final DashboardServer server;
    private final ScheduledExecutorService heartbeat;
    private final String host;

    private Dashboard(Options options) throws IOException {
        long now = System.currentTimeMillis();
        this.state =
                new DashboardState(
                        options.barsPerSeries(),
                        options.signalCapacity(),
                        options.staleAfter().toMillis(),
                        now);
        EventHub hub =
                new EventHub(
                        () -> Frames.frame("snapshot", state.snapshot(System.currentTimeMillis())));
        this.feed =
                new TopicFeed(
                        options.bootstrap(),
                        new DashboardTopics(options.topicPrefix(), options.inputPrefix()),
                        options.historyPerPartition(),
                        state,
                        update -> hub.publish(Frames.frame("update", update)));
        this.server =
                new DashboardServer(options.host(), options.port(), state, hub, options.token());
        this.host = options.host();
        this.feedThread = new Thread(feed, "dashboard-feed");
        feedThread.setDaemon(true);
        feedThread.start();
        this.heartbeat =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "dashboard-heartbeat");
                            t.setDaemon(true);
                            return t;
                        });
        HistoryFallback fallback = new HistoryFallback(state, options.fallback());
        heartbeat.scheduleAtFixedRate(
                () -> {
                    long nowMs = System.currentTimeMillis();
                    fallback.check(nowMs);
                    hub.publish(Frames.frame("heartbeat", state.heartbeat(nowMs)));
                },
                1,
                1,
                TimeUnit.SECONDS);
    }

    public static Dashboard start(Options options) throws IOException {
        return new Dashboard(options);
    }

    /** The page's address. */
    public URI url() {
        String shown = "0.0.0.0".equals(host) ? "localhost" : host;
        return URI.create("http://" + shown + ":" + server.port() + "/");
    }

    public DashboardState state() {
        return state;
    }

    /** Waits until the topics' recent history is read; false on timeout. */
    public boolean awaitHistory(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!state.historyLoaded()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            // the feed thread reads the history; a short wait keeps start-up prompt
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        heartbeat.shutdownNow();
        server.close();
        feed.close();
        feedThread.join(5_000);
    }
}
