package io.instflow.ifd.logic;

import io.instflow.ifd.model.ContractHistory;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.DailyStats;
import io.instflow.ifd.model.PressureMath;
import io.instflow.ifd.model.WindowStats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the detector remembers of each contract between windows ({@link ContractHistory}): the
 * log_pressure of its last windows (trend and persistence), its volume over the market-making
 * history, and its baseline's daily aggregates, pruned to the lookback plus five trading days.
 */
final class ContractHistories {

    private final DetectorParams params;
    private final long windowNs;

    ContractHistories(DetectorParams params, long windowNs) {
        this.params = params;
        this.windowNs = windowNs;
    }

    /** An empty history of {@code contract}. */
    ContractHistory create(ContractInfo contract) {
        ContractHistory h = new ContractHistory();
        h.instrumentId = contract.instrumentId;
        h.call = contract.isCall();
        h.strike = contract.strike;
        h.recent = new double[params.lookbackWindows()];
        return h;
    }

    /**
     * Adds the window to the contract's history; returns a candidate when a side dominates. The
     * baseline is taken before the window joins its day, so a day never scores against itself.
     */
    Candidate observe(ContractWindow w, ContractHistory h) {
        WindowStats s = w.stats;
        double lp = s.logPressure();
        long shift =
                h.lastWindowStart == Long.MIN_VALUE
                        ? h.recent.length
                        : Math.min(h.recent.length, (w.windowStart - h.lastWindowStart) / windowNs);
        double[] recent = new double[h.recent.length];
        for (int i = 0; i + shift < recent.length; i++) {
            recent[i] = h.recent[(int) (i + shift)];
        }
        recent[recent.length - 1] = lp;
        h.recent = recent;
        h.lastWindowStart = w.windowStart;
        if (s.trades > 0) {
            h.seen++;
        }
        appendVolume(h, w.windowEnd, s.classifiedVolume());
        long today = TradingDate.of(w.windowStart);
        Baseline baseline =
                Baseline.of(days(h), today, lp, params.lookbackDays(), params.baselineMinDays());
        addToDay(h, today, lp, s.classifiedVolume());
        if (PressureMath.dominantSide(s.buyShare()) == 0) {
            return null;
        }
        int windowsSeen = Math.min(h.seen, recent.length);
        return new Candidate(w, ComponentScores.of(s, recent, windowsSeen, params), baseline);
    }

    /** Buy + sell volume of the contract in windows ending after {@code since} (ns). */
    static long volumeSince(ContractHistory h, long since) {
        long sum = 0;
        for (int i = 0; i < h.volumes.length; i++) {
            if (h.volumeEnds[i] > since) {
                sum += h.volumes[i];
            }
        }
        return sum;
    }

    /**
     * Seconds between {@code windowEnd} and the nearest window of {@code h} with volume after
     * {@code since}.
     */
    static double secondsApart(ContractHistory h, long since, long windowEnd) {
        long nearest = Long.MAX_VALUE;
        for (int i = 0; i < h.volumeEnds.length; i++) {
            if (h.volumes[i] > 0 && h.volumeEnds[i] > since) {
                nearest = Math.min(nearest, Math.abs(h.volumeEnds[i] - windowEnd));
            }
        }
        return nearest == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : nearest / 1e9;
    }

    private void appendVolume(ContractHistory h, long windowEnd, long volume) {
        int n = Math.min(h.volumes.length + 1, params.mmHistory());
        long[] ends = new long[n];
        long[] volumes = new long[n];
        int keep = n - 1;
        System.arraycopy(h.volumeEnds, h.volumeEnds.length - keep, ends, 0, keep);
        System.arraycopy(h.volumes, h.volumes.length - keep, volumes, 0, keep);
        ends[n - 1] = windowEnd;
        volumes[n - 1] = volume;
        h.volumeEnds = ends;
        h.volumes = volumes;
    }

    private static Map<Long, DailyStats> days(ContractHistory h) {
        Map<Long, DailyStats> out = new HashMap<>();
        for (int i = 0; i < h.dates.length; i++) {
            out.put(h.dates[i], h.days[i]);
        }
        return out;
    }

    /**
     * Adds the window to its trading day and drops days beyond the lookback plus five trading days.
     */
    private void addToDay(ContractHistory h, long today, double lp, long volume) {
        int at = -1;
        for (int i = 0; i < h.dates.length; i++) {
            if (h.dates[i] == today) {
                at = i;
            }
        }
        if (at < 0) {
            long oldest = TradingDate.minusTradingDays(today, params.lookbackDays() + 5);
            List<Long> dates = new ArrayList<>();
            List<DailyStats> days = new ArrayList<>();
            for (int i = 0; i < h.dates.length; i++) {
                if (h.dates[i] >= oldest) {
                    dates.add(h.dates[i]);
                    days.add(h.days[i]);
                }
            }
            dates.add(today);
            days.add(new DailyStats());
            h.dates = dates.stream().mapToLong(Long::longValue).toArray();
            h.days = days.toArray(new DailyStats[0]);
            at = h.dates.length - 1;
        }
        h.days[at].add(lp, volume);
    }
}
