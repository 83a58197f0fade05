package io.instflow.book;

import java.util.Arrays;

/**
 * The price levels of one side of a book: aggregate size and order count per price, in sorted
 * primitive arrays with the best price last, so the busy end of the book changes without moving the
 * rest. Bids are stored ascending, asks descending.
 */
final class PriceLevels {

    private final boolean bids;
    private long[] prices = new long[16];
    private long[] sizes = new long[16];
    private int[] counts = new int[16];
    private int levels;

    PriceLevels(boolean bids) {
        this.bids = bids;
    }

    int levels() {
        return levels;
    }

    boolean isEmpty() {
        return levels == 0;
    }

    /** Best price; only valid when not empty. */
    long bestPrice() {
        return prices[levels - 1];
    }

    long bestSize() {
        return sizes[levels - 1];
    }

    int bestCount() {
        return counts[levels - 1];
    }

    /** Price of the level {@code depth} from the top (0 = best). */
    long price(int depth) {
        return prices[levels - 1 - depth];
    }

    long size(int depth) {
        return sizes[levels - 1 - depth];
    }

    int count(int depth) {
        return counts[levels - 1 - depth];
    }

    /**
     * Adds {@code size} and {@code orders} at {@code price}, creating the level when new; returns
     * whether the best level changed.
     */
    boolean add(long price, long size, int orders) {
        int i = find(price);
        if (i >= 0) {
            sizes[i] += size;
            counts[i] += orders;
            return i == levels - 1;
        }
        int at = -i - 1;
        if (levels == prices.length) {
            int capacity = levels * 2;
            prices = Arrays.copyOf(prices, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
        int tail = levels - at;
        if (tail > 0) {
            System.arraycopy(prices, at, prices, at + 1, tail);
            System.arraycopy(sizes, at, sizes, at + 1, tail);
            System.arraycopy(counts, at, counts, at + 1, tail);
        }
        prices[at] = price;
        sizes[at] = size;
        counts[at] = orders;
        levels++;
        return at == levels - 1;
    }

    /**
     * Removes {@code size} and {@code orders} at {@code price}, dropping the level when it empties;
     * returns whether the best level changed.
     */
    boolean remove(long price, long size, int orders) {
        int i = find(price);
        if (i < 0) {
            return false;
        }
        boolean best = i == levels - 1;
        sizes[i] -= size;
        counts[i] -= orders;
        if (sizes[i] <= 0 || counts[i] <= 0) {
            int tail = levels - i - 1;
            if (tail > 0) {
                System.arraycopy(prices, i + 1, prices, i, tail);
                System.arraycopy(sizes, i + 1, sizes, i, tail);
                System.arraycopy(counts, i + 1, counts, i, tail);
            }
            levels--;
        }
        return best;
    }

    void clear() {
        levels = 0;
    }

    /** Index of {@code price}, or (-(insertion point) - 1); the sort order depends on the side. */
    private int find(long price) {
        int lo = 0;
        int hi = levels - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long p = prices[mid];
            if (p == price) {
                return mid;
            }
            boolean pBeforePrice = bids ? p < price : p > price;
            if (pBeforePrice) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -(lo + 1);
    }
}
