package io.instflow.ifd.logic;

import io.instflow.ifd.model.BaselineDays;
import io.instflow.ifd.model.DailyStats;

import java.util.Arrays;
import java.util.Map;
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
 * @param typicalVolume the baseline windows' typical classified volume, exp(mean ln(1 + volume)) -
 *     1 (v3.1's yardstick for a sweep, docs/ifd-v3.1.md section 4); 0 without a baseline
 */
public record Baseline(
        boolean present,
        double dataQuality,
        double z,
        double percentileRank,
        double typicalVolume) {

    public static final Baseline NONE = new Baseline(false, 0, 0, 0, 0);

    /** A baseline without a volume yardstick, as v3 and compat read it. */
    public Baseline(boolean present, double dataQuality, double z, double percentileRank) {
        this(present, dataQuality, z, percentileRank, 0);
    }

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
        BaselineDays sorted = new BaselineDays();
        new TreeMap<>(days)
                .forEach(
                        (date, d) -> {
                            sorted.dates = append(sorted.dates, date);
                            sorted.days = append(sorted.days, d);
                        });
        return of(sorted, today, logPressure, lookbackDays, minDays);
    }

    /**
     * @param days daily aggregates, oldest first
     * @param today the current trading date (days since the epoch), excluded
     */
    public static Baseline of(
            BaselineDays days, long today, double logPressure, int lookbackDays, int minDays) {
        long from = TradingDate.minusTradingDays(today, lookbackDays);
        int used = 0;
        long n = 0;
        double sum = 0;
        double sumSquares = 0;
        double sumLogVolume = 0;
        long[] histogram = new long[DailyStats.BINS];
        for (int i = 0; i < days.dates.length; i++) {
            if (days.dates[i] < from || days.dates[i] >= today) {
                continue;
            }
            DailyStats d = days.days[i];
            used++;
            n += d.windows;
            sum += d.sumPressure;
            sumSquares += d.sumPressureSquared;
            sumLogVolume += d.sumLogVolume;
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
        return new Baseline(true, quality, z, rank, Math.expm1(sumLogVolume / n));
    }

    /**
     * v3.1's baseline (docs/ifd-v3.1.md section 5): the contract's own, and the pool's for what the
     * contract's quality leaves. With q_c and q_p the two data qualities, the pool's weight is (1 -
     * q_c)·q_p; z, rank and typical volume are the weighted means and the quality is q_c + (1 -
     * q_c)·q_p. Absent when neither has a day.
     */
    public static Baseline blend(Baseline contract, Baseline pool) {
        double own = contract.present ? contract.dataQuality : 0;
        double pooled = pool.present ? (1 - own) * pool.dataQuality : 0;
        double quality = own + pooled;
        if (quality == 0) {
            return NONE;
        }
        return new Baseline(
                true,
                quality,
                (own * contract.z + pooled * pool.z) / quality,
                (own * contract.percentileRank + pooled * pool.percentileRank) / quality,
                (own * contract.typicalVolume + pooled * pool.typicalVolume) / quality);
    }

    private static long[] append(long[] a, long v) {
        long[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }

    private static DailyStats[] append(DailyStats[] a, DailyStats v) {
        DailyStats[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }

    /** Anomalous: |z| at or above the z threshold, or rank at or above the percentile threshold. */
    public boolean anomaly(double zThreshold, double percentileThreshold) {
        return present && (Math.abs(z) >= zThreshold || percentileRank >= percentileThreshold);
    }
}
