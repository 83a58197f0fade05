package io.instflow.simulator;

/**
 * A market maker's resting orders in one instrument: one order per level and side. Prices in 1e-9
 * units; a level with size 0 holds no order (filled, or not quoted because its price would be zero
 * or less).
 */
final class QuoteLadder {

    final long[] bidId;
    final long[] bidPx;
    final long[] bidSz;
    final long[] askId;
    final long[] askPx;
    final long[] askSz;

    /** Fair value (index points) the ladder was last quoted around. */
    double quotedFair = Double.NaN;

    /** Price of the underlying future when the ladder was last quoted. */
    double quotedFuture = Double.NaN;

    /** When the ladder was last repriced (ns), for market makers that requote at most so often. */
    long repricedAtNs;

    QuoteLadder(int levels) {
        bidId = new long[levels];
        bidPx = new long[levels];
        bidSz = new long[levels];
        askId = new long[levels];
        askPx = new long[levels];
        askSz = new long[levels];
    }

    int levels() {
        return bidId.length;
    }

    boolean quoted() {
        return !Double.isNaN(quotedFair);
    }

    /** Whether some level was emptied by a fill and needs a new order. */
    boolean hasHoles() {
        for (int k = 0; k < levels(); k++) {
            if ((bidSz[k] == 0 && bidPx[k] > 0) || (askSz[k] == 0 && askPx[k] > 0)) {
                return true;
            }
        }
        return false;
    }
}
