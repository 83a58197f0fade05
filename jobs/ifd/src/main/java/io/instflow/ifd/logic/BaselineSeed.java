package io.instflow.ifd.logic;

import io.instflow.ifd.model.BaselineDays;
import io.instflow.ifd.model.ContractInfo;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Baselines a job starts from instead of nothing, built by {@code instflow backfill} from prior
 * days: each contract's days by raw symbol (instrument ids are not stable across sessions of other
 * sources) and each v3.1 pool's days by key. A contract or pool the job has no history of starts
 * from a copy of its entry here.
 *
 * @param windowMinutes the window length the days were aggregated with
 * @param lookbackDays the lookback the days were pruned to
 */
public record BaselineSeed(
        int windowMinutes,
        int lookbackDays,
        Map<String, BaselineDays> contracts,
        Map<String, BaselineDays> pools)
        implements Serializable {

    public static final BaselineSeed EMPTY = new BaselineSeed(0, 0, Map.of(), Map.of());

    /** A contract's seeded days, or null. */
    public BaselineDays contract(String rawSymbol) {
        return contracts.get(rawSymbol);
    }

    /** A pool's seeded days, or null. */
    public BaselineDays pool(String key) {
        return pools.get(key);
    }

    /**
     * @throws IllegalArgumentException when the days were aggregated over windows of another length
     *     than the job's
     */
    public void requireWindowMinutes(int jobWindowMinutes) {
        if (!isEmpty() && windowMinutes != jobWindowMinutes) {
            throw new IllegalArgumentException(
                    "the baselines were built with "
                            + windowMinutes
                            + "-minute windows but the job uses "
                            + jobWindowMinutes
                            + "; build them again with 'instflow backfill' and this configuration");
        }
    }

    public boolean isEmpty() {
        return contracts.isEmpty() && pools.isEmpty();
    }

    /** Trading days covered, the earliest and the latest (days since the epoch); empty: none. */
    public long[] dateRange() {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Map<String, BaselineDays> m : List.of(contracts, pools)) {
            for (BaselineDays d : m.values()) {
                if (d.dates.length > 0) {
                    first = Math.min(first, d.dates[0]);
                    last = Math.max(last, d.dates[d.dates.length - 1]);
                }
            }
        }
        return first == Long.MAX_VALUE ? new long[0] : new long[] {first, last};
    }

    /**
     * Folds windows into a seed the way the detector folds them into its histories: every window
     * joins its contract's day and, with the underlying's price, its pool's day.
     */
    public static final class Builder {

        private final int windowMinutes;
        private final int lookbackDays;
        private final Map<String, BaselineDays> contracts = new TreeMap<>();
        private final Map<String, BaselineDays> pools = new TreeMap<>();
        private long windows;

        public Builder(int windowMinutes, int lookbackDays) {
            this.windowMinutes = windowMinutes;
            this.lookbackDays = lookbackDays;
        }

        /**
         * @param underlyingPrice the underlying's last price at the window end, 1e-9 units, or null
         */
        public Builder add(
                ContractInfo contract,
                long windowStart,
                long windowEnd,
                double logPressure,
                long volume,
                Long underlyingPrice) {
            BaselineDays own =
                    contracts.computeIfAbsent(contract.rawSymbol, s -> new BaselineDays());
            String key = BaselinePools.key(contract, windowEnd, underlyingPrice);
            BaselineDays pool =
                    key == null ? null : pools.computeIfAbsent(key, k -> new BaselineDays());
            ContractHistories.addToDays(own, pool, windowStart, logPressure, volume, lookbackDays);
            windows++;
            return this;
        }

        public long windows() {
            return windows;
        }

        public BaselineSeed build() {
            return new BaselineSeed(
                    windowMinutes, lookbackDays, new TreeMap<>(contracts), new TreeMap<>(pools));
        }
    }
}
