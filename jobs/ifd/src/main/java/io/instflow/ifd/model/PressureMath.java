package io.instflow.ifd.model;

/** The pressure formulas of spec section 3: finite, symmetric, defined for zero volume. */
public final class PressureMath {

    /** Buy share above which the buyers dominate. */
    public static final double BUY_DOMINANCE = 0.6;

    /** Buy share below which the sellers dominate. */
    public static final double SELL_DOMINANCE = 0.4;

    /** Trades for full pressure confidence. */
    public static final double CONFIDENT_TRADES = 20;

    private PressureMath() {}

    /** ln((buy + 1) / (sell + 1)). */
    public static double logPressure(long buy, long sell) {
        return Math.log((buy + 1.0) / (sell + 1.0));
    }

    /** buy / (buy + sell); 0.5 when both are 0. */
    public static double buyShare(long buy, long sell) {
        long total = buy + sell;
        return total == 0 ? 0.5 : (double) buy / total;
    }

    /** +1 buyers dominate, -1 sellers dominate, 0 neutral. */
    public static int dominantSide(double buyShare) {
        return buyShare > BUY_DOMINANCE ? 1 : buyShare < SELL_DOMINANCE ? -1 : 0;
    }

    /** min(trades / 20, 1) x |s - 0.5| x 2. */
    public static double pressureConfidence(long trades, double buyShare) {
        return Math.min(trades / CONFIDENT_TRADES, 1) * Math.abs(buyShare - 0.5) * 2;
    }
}
