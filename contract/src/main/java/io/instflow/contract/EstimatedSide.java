package io.instflow.contract;

/**
 * The aggressor side estimated for volume known only from snapshots (the Barchart backup), from the
 * last price against the quote: at or above the ask, or above the mid, bought; at or below the bid,
 * or below the mid, sold; otherwise unknown. The connector and the job's degraded flow use this one
 * rule.
 */
public enum EstimatedSide {
    BUY,
    SELL,
    UNKNOWN;

    /** The side of volume that traded at {@code last} (null for none or a settlement price). */
    public static EstimatedSide of(Double bid, Double ask, Double last) {
        if (last == null) {
            return UNKNOWN;
        }
        if (ask != null && last >= ask) {
            return BUY;
        }
        if (bid != null && last <= bid) {
            return SELL;
        }
        if (bid != null && ask != null) {
            double mid = (bid + ask) / 2;
            return last > mid ? BUY : last < mid ? SELL : UNKNOWN;
        }
        return UNKNOWN;
    }
}
