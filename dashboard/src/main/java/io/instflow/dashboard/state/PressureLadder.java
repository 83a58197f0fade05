package io.instflow.dashboard.state;

import io.instflow.dashboard.model.PressureView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per underlying, the aggressor volumes of every strike in the latest window seen: calls and puts,
 * bought and sold, summed over expirations. A newer window replaces the ladder; records of older
 * windows are ignored; a contract's record seen twice counts once.
 */
public final class PressureLadder {

    /** One strike of the ladder. */
    public record Row(double strike, long callBuy, long callSell, long putBuy, long putSell) {}

    /**
     * The ladder of one underlying for one window; times in seconds since the epoch. A degraded
     * ladder holds backup-source estimates: its source and largest data delay come with it.
     */
    public record Ladder(
            String underlying,
            long windowStart,
            long windowEnd,
            List<Row> rows,
            boolean degraded,
            String source,
            Long delayMs) {}

    private final Map<String, Window> windows = new HashMap<>();

    /** True when the ladder changed. */
    public boolean apply(PressureView p) {
        Window current = windows.get(p.underlying());
        if (current != null && p.windowEnd() < current.end) {
            return false;
        }
        if (current == null || p.windowEnd() > current.end) {
            current = new Window(p.windowStart(), p.windowEnd());
            windows.put(p.underlying(), current);
        }
        return !p.equals(current.contracts.put(p.instrumentId(), p));
    }

    public Map<String, Ladder> all() {
        Map<String, Ladder> out = new TreeMap<>();
        windows.forEach((underlying, w) -> out.put(underlying, w.ladder(underlying)));
        return out;
    }

    public Ladder ladder(String underlying) {
        Window w = windows.get(underlying);
        return w == null ? null : w.ladder(underlying);
    }

    private static final class Window {
        final long start;
        final long end;
        final Map<Long, PressureView> contracts = new HashMap<>();

        Window(long start, long end) {
            this.start = start;
            this.end = end;
        }

        Ladder ladder(String underlying) {
            TreeMap<Double, long[]> byStrike = new TreeMap<>();
            boolean degraded = false;
            String source = "DATABENTO";
            Long delayMs = null;
            for (PressureView p : contracts.values()) {
                if (p.degraded()) {
                    degraded = true;
                    source = p.source();
                    delayMs =
                            p.delayMs() == null
                                    ? delayMs
                                    : Math.max(p.delayMs(), delayMs == null ? 0 : delayMs);
                }
                long[] v = byStrike.computeIfAbsent(p.strike(), k -> new long[4]);
                int offset = p.call() ? 0 : 2;
                v[offset] += p.buyVolume();
                v[offset + 1] += p.sellVolume();
            }
            List<Row> rows = new ArrayList<>();
            byStrike.descendingMap()
                    .forEach((strike, v) -> rows.add(new Row(strike, v[0], v[1], v[2], v[3])));
            return new Ladder(
                    underlying,
                    start / 1_000_000_000L,
                    end / 1_000_000_000L,
                    rows,
                    degraded,
                    source,
                    delayMs);
        }
    }
}
