package io.instflow.ifd.logic;

import io.instflow.ifd.model.ContractInfo;

/**
 * Which pool of similar contracts a v3.1 window also counts in (docs/ifd-v3.1.md section 5): option
 * type, moneyness in steps of half a percent of the underlying, and days to expiry in five buckets.
 * A new weekly thereby starts with what its kind of contract usually trades.
 */
public final class BaselinePools {

    /** Moneyness step: half a percent of the underlying's price (about 100 NQ points). */
    static final double MONEYNESS_STEP = 0.005;

    static final int DEEPEST_IN_THE_MONEY = -2;
    static final int FARTHEST_OUT_OF_THE_MONEY = 6;

    /**
     * Upper bounds (days, exclusive) of the days-to-expiry buckets; beyond the last is one more.
     */
    private static final double[] DAYS_TO_EXPIRY = {1, 3, 8, 31};

    private static final double NS_PER_DAY = 86_400e9;

    private BaselinePools() {}

    /**
     * The pool of {@code contract} at {@code timeNs}, e.g. {@code C|m1|d2}; null without the
     * underlying's price or an expiration.
     *
     * @param underlyingPrice the underlying's last price at {@code timeNs}, 1e-9 units, or null
     */
    public static String key(ContractInfo contract, long timeNs, Long underlyingPrice) {
        if (underlyingPrice == null || underlyingPrice <= 0 || contract.expiration <= 0) {
            return null;
        }
        double future = underlyingPrice / 1e9;
        double outOfTheMoney =
                (contract.isCall() ? 1 : -1) * (contract.strikePoints() - future) / future;
        long step = Math.round(outOfTheMoney / MONEYNESS_STEP);
        long moneyness = Math.max(DEEPEST_IN_THE_MONEY, Math.min(FARTHEST_OUT_OF_THE_MONEY, step));
        double days = (contract.expiration - timeNs) / NS_PER_DAY;
        int bucket = 0;
        while (bucket < DAYS_TO_EXPIRY.length && days >= DAYS_TO_EXPIRY[bucket]) {
            bucket++;
        }
        return (contract.isCall() ? "C" : "P") + "|m" + moneyness + "|d" + bucket;
    }
}
