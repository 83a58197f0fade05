package io.instflow.ifd.logic;

import io.instflow.ifd.model.WindowStats;

/**
 * The market-making / straddle probability of a strike (spec section 6): balanced call and put
 * volume traded close in time looks like market making, not directional flow.
 */
public final class MarketMaking {

    private MarketMaking() {}

    /**
     * @param callVolume buy + sell volume of the strike's call over the recent windows
     * @param putVolume the same for the put
     * @param timeApartSeconds time between the nearest call and put windows with volume, or
     *     infinity when one of them traded in none
     * @param quoteMarketMaking share of two-sided, size-symmetric quote updates in the window
     */
    public static double probability(
            long callVolume,
            long putVolume,
            double timeApartSeconds,
            double straddleWindowSeconds,
            double quoteMarketMaking) {
        return Math.min(
                0.7 * straddle(callVolume, putVolume, timeApartSeconds, straddleWindowSeconds)
                        + 0.3 * quoteMarketMaking,
                1);
    }

    /** The straddle score alone: 0.7 call/put balance + 0.3 closeness in time. */
    public static double straddle(
            long callVolume,
            long putVolume,
            double timeApartSeconds,
            double straddleWindowSeconds) {
        return 0.7 * balance(callVolume, putVolume)
                + 0.3 * timeScore(timeApartSeconds, straddleWindowSeconds);
    }

    /**
     * IFD v3.1's market-making probability (docs/ifd-v3.1.md section 3): the straddle score is the
     * call/put balance squared times the closeness in time, so the other type's flow counts in
     * proportion to its size and nearness; two-sided quoting only scales it.
     */
    public static double probabilityV31(
            long callVolume,
            long putVolume,
            double timeApartSeconds,
            double straddleWindowSeconds,
            double quoteMarketMaking) {
        double balance = balance(callVolume, putVolume);
        return Math.min(
                balance
                        * balance
                        * timeScore(timeApartSeconds, straddleWindowSeconds)
                        * (0.7 + 0.3 * quoteMarketMaking),
                1);
    }

    /** 2 · min(call, put) / (call + put): 1 for equal volumes, 0 when one type traded alone. */
    private static double balance(long callVolume, long putVolume) {
        long total = callVolume + putVolume;
        return total == 0 ? 0 : 2.0 * Math.min(callVolume, putVolume) / total;
    }

    /** 1 for call and put traded together, falling to 0 at the straddle window apart. */
    private static double timeScore(double timeApartSeconds, double straddleWindowSeconds) {
        return Double.isInfinite(timeApartSeconds)
                ? 0
                : 1 - Math.min(timeApartSeconds / straddleWindowSeconds, 1);
    }

    /** Spoof ratio: cancelled large size on the side the flow would confirm, over the volume. */
    public static double spoofRatio(WindowStats w, int direction) {
        long spoofed = direction > 0 ? w.spoofBidSize : w.spoofAskSize;
        return Math.min((double) spoofed / (w.classifiedVolume() + 1), 1);
    }
}
