package io.instflow.ifd.logic;

/**
 * Recent trade prices of one future as a flat array of (ts_event, price) pairs in time order, the
 * shape kept in broadcast state: the price at a time is the last trade at or before it. Only the
 * last {@code keepNs} of trades are kept (always the latest one).
 */
public final class PriceHistory {

    private PriceHistory() {}

    /** The history with the trade appended (trades arrive in time order) and old trades dropped. */
    public static long[] append(long[] history, long tsNs, long price, long keepNs) {
        int from = 0;
        if (history != null) {
            while (from < history.length && history[from] < tsNs - keepNs) {
                from += 2;
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
