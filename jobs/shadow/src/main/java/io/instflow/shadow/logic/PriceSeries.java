package io.instflow.shadow.logic;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The front future's last-trade price through time, from its 1-minute bars: the price at t is the
 * close of the last bar ending at or before t, when that bar is recent enough (otherwise the
 * session was closed and there is no price).
 */
public final class PriceSeries {

    private final NavigableMap<Long, Long> closeByBarEnd = new TreeMap<>();

    public void addBar(long barEndNs, long close) {
        closeByBarEnd.put(barEndNs, close);
    }

    /** The price at {@code tNs}, or null when no bar ended within {@code maxAgeNs} before it. */
    public Long priceAt(long tNs, long maxAgeNs) {
        Map.Entry<Long, Long> last = closeByBarEnd.floorEntry(tNs);
        if (last == null || tNs - last.getKey() > maxAgeNs) {
            return null;
        }
        return last.getValue();
    }

    /** Forgets bars ending before {@code tNs}. */
    public void dropBefore(long tNs) {
        closeByBarEnd.headMap(tNs, false).clear();
    }

    public NavigableMap<Long, Long> bars() {
        return closeByBarEnd;
    }
}
