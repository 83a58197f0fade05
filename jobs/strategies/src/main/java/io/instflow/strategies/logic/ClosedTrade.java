package io.instflow.strategies.logic;

/**
 * A round trip: entry and exit fills of one position and what it made.
 *
 * @param direction +1 long, −1 short
 * @param exitReason STOP, TARGET, TIME or OPPOSITE
 * @param grossUsd direction × (exit − entry) × point value × contracts, slippage included
 * @param costsUsd commission and fees of both fills
 */
public record ClosedTrade(
        String strategy,
        String signalId,
        String tier,
        int direction,
        int contracts,
        long entryMs,
        double entryPrice,
        long exitMs,
        double exitPrice,
        String exitReason,
        double grossUsd,
        double costsUsd) {

    public double netUsd() {
        return grossUsd - costsUsd;
    }
}
