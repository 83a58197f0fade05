package io.instflow.ifd.logic;

/**
 * Recent trade prices of one future as a flat array of (ts_event, price) pairs in time order, the
 * shape kept in broadcast state: the price at a time is the last trade at or before it. Trades are
 * dropped only once a later trade is at or before the oldest time still to be asked about (the
 * detector's watermark), so the answer for any window not evaluated yet does not depend on how far
 * the futures' trades ran ahead of it.
 */
public final class PriceHistory {

    private PriceHistory() {}

    /**
     * The history with the trade appended (trades arrive in time order) and the trades no longer
     * needed dropped: all before the last trade at or before {@code askedFromNs}.
     */
    public static long[] append(long[] history, long tsNs, long price, long askedFromNs) {
        int from = 0;
        if (history != null) {
            while (from + 2 < history.length && history[from + 2] <= askedFromNs) {
                from += 2;
            }
            if (tsNs <= askedFromNs) {
                from = history.length;
            }
        }
        int kept = history == null ? 0 : history.length - from;
        long[] out = new long[kept + 2];
        if (kept > 0) {
            System.arraycopy(history, from, out, 0, kept);
        }
        out[kept] = tsNs;
        out[kept + 1] = price;
        return out;
    }

    /** The last price at or before {@code tsNs}, or null when the history starts after it. */
    public static Long priceAt(long[] history, long tsNs) {
        if (history == null) {
            return null;
        }
        Long price = null;
        for (int i = 0; i < history.length && history[i] <= tsNs; i += 2) {
            price = history[i + 1];
        }
        return price;
    }
}
