package io.instflow.ifd.logic;

import io.instflow.ifd.model.BarState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OHLCV bars of classified trades outside Flink, with the bar alignment and {@link BarState} the
 * job's bar operator uses: epoch-aligned N-minute bars labelled by their start; minutes without
 * trades produce no bar.
 */
public final class BarAggregator {

    private static final long MINUTE_NS = 60_000_000_000L;

    /** One finished bar of one instrument. */
    public record Bar(long instrumentId, long startNs, BarState state) {}

    private final long lengthNs;
    private final Map<Long, Map<Long, BarState>> byInstrument = new TreeMap<>();

    public BarAggregator(int minutes) {
        if (minutes < 1 || minutes > 1440) {
            throw new IllegalArgumentException(
                    "bar length must be 1 to 1440 minutes, got " + minutes);
        }
        this.lengthNs = minutes * MINUTE_NS;
    }

    /** The start of the bar of {@code lengthNs} holding {@code tsNs}. */
    public static long start(long tsNs, long lengthNs) {
        return Math.floorDiv(tsNs, lengthNs) * lengthNs;
    }

    public void add(long instrumentId, long tsEventNs, long price, long size, int aggressor) {
        byInstrument
                .computeIfAbsent(instrumentId, id -> new TreeMap<>())
                .computeIfAbsent(start(tsEventNs, lengthNs), s -> new BarState())
                .add(price, size, aggressor);
    }

    /** Every bar, ordered by start, then instrument. */
    public List<Bar> bars() {
        List<Bar> out = new ArrayList<>();
        byInstrument.forEach(
                (id, bars) -> bars.forEach((start, state) -> out.add(new Bar(id, start, state))));
        out.sort(Comparator.comparingLong(Bar::startNs).thenComparingLong(Bar::instrumentId));
        return out;
    }
}
