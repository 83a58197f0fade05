package io.instflow.ifd.logic;

import io.instflow.ifd.model.BaselineDays;
import io.instflow.ifd.model.ContractHistory;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.PressureMath;
import io.instflow.ifd.model.WindowStats;

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
        h.expiration = contract.expiration;
        h.recent = new double[params.lookbackWindows()];
        return h;
    }

    /**
     * Adds the window to the contract's history (and in v3.1 to its pool's, when it has one);
     * returns a candidate when a side dominates. The baseline is taken before the window joins its
     * day, so a day never scores against itself.
     *
     * @param pool the days of the window's pool, or null
     */
    Candidate observe(ContractWindow w, ContractHistory h, BaselineDays pool) {
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
        Baseline baseline = baseline(h, pool, today, lp);
        addToDays(h.baseline, pool, w.windowStart, lp, s.classifiedVolume(), params.lookbackDays());
        if (PressureMath.dominantSide(s.buyShare()) == 0) {
            return null;
        }
        int windowsSeen = Math.min(h.seen, recent.length);
        return new Candidate(w, ComponentScores.of(s, recent, windowsSeen, params), baseline);
    }

    /**
     * v3.0: the contract's own days, present from {@code baseline_min_days}. v3.1: blended with the
     * pool's, each from its first day, weighted by data quality.
     */
    private Baseline baseline(ContractHistory h, BaselineDays pool, long today, double lp) {
        int lookback = params.lookbackDays();
        if (!params.isV31()) {
            return Baseline.of(h.baseline, today, lp, lookback, params.baselineMinDays());
        }
        Baseline own = Baseline.of(h.baseline, today, lp, lookback, 1);
        Baseline pooled = pool == null ? Baseline.NONE : Baseline.of(pool, today, lp, lookback, 1);
        return Baseline.blend(own, pooled);
    }

    /**
     * Adds a window to its trading day in a contract's days and its pool's (when not null),
     * dropping days beyond the lookback plus five trading days.
     */
    static void addToDays(
            BaselineDays own,
            BaselineDays pool,
            long windowStart,
            double logPressure,
            long volume,
            int lookbackDays) {
        long today = TradingDate.of(windowStart);
        long oldestKept = TradingDate.minusTradingDays(today, lookbackDays + 5);
        own.add(today, logPressure, volume, oldestKept);
        if (pool != null) {
            pool.add(today, logPressure, volume, oldestKept);
        }
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
}
