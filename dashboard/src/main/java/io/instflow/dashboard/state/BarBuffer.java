package io.instflow.dashboard.state;

import io.instflow.dashboard.model.BarView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The last {@code capacity} bars per symbol and timeframe, ordered by start and unique per start.
 * History and live records pass through the same {@link #merge}: a bar seen twice (a replayed
 * topic, an at-least-once preview) replaces itself, and a bar older than a full buffer is ignored.
 * Not thread-safe; {@link DashboardState} serialises access.
 */
public final class BarBuffer {

    private final int capacity;
    private final Map<Series, NavigableMap<Long, BarView>> series = new HashMap<>();

    public BarBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException(
                    "bar buffer capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds or replaces the bar; true when the buffer changed. */
    public boolean merge(BarView bar) {
        NavigableMap<Long, BarView> bars =
                series.computeIfAbsent(
                        new Series(bar.symbol(), bar.interval()), s -> new TreeMap<>());
        if (bars.size() >= capacity
                && !bars.containsKey(bar.time())
                && bar.time() < bars.firstKey()) {
            return false;
        }
        BarView previous = bars.put(bar.time(), bar);
        if (bars.size() > capacity) {
            bars.pollFirstEntry();
        }
        return !bar.equals(previous);
    }

    /** The buffered bars of one symbol and timeframe, oldest first. */
    public List<BarView> bars(String symbol, int intervalSeconds) {
        NavigableMap<Long, BarView> bars = series.get(new Series(symbol, intervalSeconds));
        return bars == null ? List.of() : new ArrayList<>(bars.values());
    }

    /** The start of the newest buffered bar of one symbol and timeframe, or null. */
    public Long lastTime(String symbol, int intervalSeconds) {
        NavigableMap<Long, BarView> bars = series.get(new Series(symbol, intervalSeconds));
        return bars == null || bars.isEmpty() ? null : bars.lastKey();
    }

    /** Every buffered bar of a timeframe by symbol, oldest first. */
    public Map<String, List<BarView>> byTimeframe(int intervalSeconds) {
        Map<String, List<BarView>> out = new TreeMap<>();
        series.forEach(
                (s, bars) -> {
                    if (s.interval == intervalSeconds) {
                        out.put(s.symbol, new ArrayList<>(bars.values()));
                    }
                });
        return out;
    }

    private record Series(String symbol, int interval) {}
}
