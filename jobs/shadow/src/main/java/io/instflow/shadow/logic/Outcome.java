package io.instflow.shadow.logic;

/**
 * One signal judged at one horizon.
 *
 * @param signedMovePoints direction × (exit − entry), index points
 * @param result HIT, MISS or FLAT
 * @param pnlUsd paper P&L after costs: size × (move × point value − cost per contract)
 */
public record Outcome(
        int horizonMinutes,
        long entryPrice,
        long exitPrice,
        double signedMovePoints,
        String result,
        double pnlUsd) {

    public static final String HIT = "HIT";
    public static final String MISS = "MISS";
    public static final String FLAT = "FLAT";

    /**
     * @param direction +1 for a LONG signal, −1 for SHORT
     * @param contracts contracts traded (the signal's size multiplier)
     * @param entryPrice future price at the window end, 1e-9 units
     * @param exitPrice future price at the window end plus the horizon, 1e-9 units
     */
    public static Outcome of(
            int horizonMinutes,
            int direction,
            double contracts,
            long entryPrice,
            long exitPrice,
            OutcomeParams params) {
        double move = direction * (exitPrice - entryPrice) / 1e9;
        double threshold = params.hitTicks() * params.tickPoints();
        String result = move > threshold ? HIT : move < -threshold ? MISS : FLAT;
        double pnl = contracts * (move * params.pointValueUsd() - params.costPerContractUsd());
        return new Outcome(horizonMinutes, entryPrice, exitPrice, move, result, pnl);
    }
}
