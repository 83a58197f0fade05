package io.instflow.dashboard.feed;

import io.instflow.dashboard.state.DashboardState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Fills the dashboard from a historical source the first time it can only show history and the
 * topics gave it none (Kafka unreachable, or topics without bars); says why when there is no source
 * or the request fails. The request runs on its own thread, so the topic reader keeps retrying
 * Kafka meanwhile.
 */
public final class HistoryFallback {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryFallback.class);

    static final String NO_SOURCE =
            "No fallback history: set DATABENTO_API_KEY to show Databento's 1-minute bars of the"
                    + " front NQ future";

    private final DashboardState state;
    private final DatabentoHistory source;
    private boolean tried;

    /**
     * @param source where to fetch history, or null when there is none (no API key)
     */
    public HistoryFallback(DashboardState state, DatabentoHistory source) {
        this.state = state;
        this.source = source;
    }

    /** Starts the fallback once, when the state asks for it. */
    public synchronized void check(long nowMs) {
        if (tried || !state.wantsFallback(nowMs)) {
            return;
        }
        tried = true;
        if (source == null) {
            state.fallback(NO_SOURCE);
            return;
        }
        state.fallback("Fetching " + source.describe());
        Thread fetch = new Thread(() -> fetch(Instant.ofEpochMilli(nowMs)), "dashboard-fallback");
        fetch.setDaemon(true);
        fetch.start();
    }

    private void fetch(Instant now) {
        try {
            var bars = source.load(now);
            state.applyHistorical(bars);
            long minutes = bars.stream().filter(b -> b.interval() == 60).count();
            state.fallback(
                    "History from " + source.describe() + " (" + minutes + " 1-minute bars)");
            LOG.info("Dashboard fallback: {} 1-minute bars from {}", minutes, source.describe());
        } catch (RuntimeException e) {
            state.fallback(source.describe() + " failed: " + e.getMessage());
            LOG.warn("Dashboard fallback from {} failed: {}", source.describe(), e.getMessage());
        }
    }
}
