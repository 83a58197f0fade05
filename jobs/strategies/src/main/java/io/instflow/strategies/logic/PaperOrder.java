package io.instflow.strategies.logic;

/**
 * One paper order of a strategy: filled at {@code price} (slippage included), or skipped with the
 * limit that stopped it.
 *
 * @param side +1 buy, −1 sell
 * @param reason ENTRY, STOP, TARGET, TIME or OPPOSITE when filled; the limit when skipped
 *     (min_tier, in_position, daily_cap, close_cut_off, entry_expired)
 */
public record PaperOrder(
        String strategy,
        String signalId,
        long atMs,
        int side,
        int contracts,
        double price,
        boolean filled,
        String reason) {

    public static final String ENTRY = "ENTRY";
    public static final String STOP = "STOP";
    public static final String TARGET = "TARGET";
    public static final String TIME = "TIME";
    public static final String OPPOSITE = "OPPOSITE";
}
