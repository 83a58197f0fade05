package io.instflow.ifd.logic;

import io.instflow.ifd.model.DailyStats;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A contract's baseline from its prior trading days only (spec section 4): the {@code lookback}
 * trading days before the current one, never the current day; none with fewer than the minimum days
 * present. z uses the pooled mean and standard deviation of log_pressure; the percentile rank of
 * |log_pressure| comes from the pooled histogram.
 *
 * @param present whether there is a baseline at all
 * @param dataQuality days present / lookback days, in [0, 1]
 * @param z (log_pressure - mean) / sd, 0 when sd is 0
 * @param percentileRank rank of |log_pressure| among the baseline's windows, 0 to 100
 */
public record Baseline(boolean present, double dataQuality, double z, double percentileRank) {

    public static final Baseline NONE = new Baseline(false, 0, 0, 0);

    /**
     * @param days daily aggregates by trading date (days since the epoch)
     * @param today the current trading date, excluded
     */
    public static Baseline of(
            Map<Long, DailyStats> days,
            long today,
            double logPressure,
            int lookbackDays,
            int minDays) {
        NavigableMap<Long, DailyStats> prior =
                new TreeMap<>(days)
                        .subMap(
                                TradingDate.minusTradingDays(today, lookbackDays),
                                true,
                                today,
                                false);
        int used = 0;
        long n = 0;
        double sum = 0;
        double sumSquares = 0;
        long[] histogram = new long[DailyStats.BINS];
        for (DailyStats d : prior.values()) {
            used++;
            n += d.windows;
            sum += d.sumPressure;
            sumSquares += d.sumPressureSquared;
            for (int b = 0; b < histogram.length; b++) {
                histogram[b] += d.histogram[b];
            }
        }
        double quality = Math.min(1, (double) used / lookbackDays);
        if (used < minDays || n == 0) {
            return new Baseline(false, quality, 0, 0);
        }
        double mean = sum / n;
        double variance = Math.max(0, sumSquares / n - mean * mean);
        double sd = Math.sqrt(variance);
        double z = sd == 0 ? 0 : (logPressure - mean) / sd;
        int bin = DailyStats.bin(Math.abs(logPressure));
        long below = 0;
        for (int b = 0; b < bin; b++) {
            below += histogram[b];
        }
        double rank = 100.0 * (below + 0.5 * histogram[bin]) / n;
        return new Baseline(true, quality, z, rank);
    }

    /** Anomalous: |z| at or above the z threshold, or rank at or above the percentile threshold. */
    public boolean anomaly(double zThreshold, double percentileThreshold) {
        return present && (Math.abs(z) >= zThreshold || percentileRank >= percentileThreshold);
    }
}
