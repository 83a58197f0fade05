package io.instflow.book;

import java.util.Arrays;

/**
 * The price levels of one side of a book: aggregate size and order count per price, in one sorted
 * primitive array of {@link #LEVEL} longs per level (price, size, count) with the best price last,
 * so the busy end of the book changes without moving the rest, and a level's fields lie together
 * (one or two cache lines). Bids are stored ascending, asks descending.
 */
final class PriceLevels {

    private static final int LEVEL = 3;
    private static final int PRICE = 0;
    private static final int SIZE = 1;
    private static final int COUNT = 2;

    private final boolean bids;
    private long[] table = new long[8 * LEVEL];
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
        return table[(levels - 1) * LEVEL + PRICE];
    }

    long bestSize() {
        return table[(levels - 1) * LEVEL + SIZE];
    }

    int bestCount() {
        return (int) table[(levels - 1) * LEVEL + COUNT];
    }

    /** Price of the level {@code depth} from the top (0 = best). */
    long price(int depth) {
        return table[(levels - 1 - depth) * LEVEL + PRICE];
    }

    long size(int depth) {
        return table[(levels - 1 - depth) * LEVEL + SIZE];
    }

    int count(int depth) {
        return (int) table[(levels - 1 - depth) * LEVEL + COUNT];
    }

    /**
     * Adds {@code size} and {@code orders} at {@code price}, creating the level when new; returns
     * whether the best level changed.
     */
    boolean add(long price, long size, int orders) {
        int i = find(price);
        if (i >= 0) {
            table[i * LEVEL + SIZE] += size;
            table[i * LEVEL + COUNT] += orders;
            return i == levels - 1;
        }
        int at = -i - 1;
        if (levels * LEVEL == table.length) {
            table = Arrays.copyOf(table, table.length * 2);
        }
        int tail = levels - at;
        if (tail > 0) {
            System.arraycopy(table, at * LEVEL, table, (at + 1) * LEVEL, tail * LEVEL);
        }
        table[at * LEVEL + PRICE] = price;
        table[at * LEVEL + SIZE] = size;
        table[at * LEVEL + COUNT] = orders;
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
        table[i * LEVEL + SIZE] -= size;
        table[i * LEVEL + COUNT] -= orders;
        if (table[i * LEVEL + SIZE] <= 0 || table[i * LEVEL + COUNT] <= 0) {
            int tail = levels - i - 1;
            if (tail > 0) {
                System.arraycopy(table, (i + 1) * LEVEL, table, i * LEVEL, tail * LEVEL);
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
            long p = table[mid * LEVEL + PRICE];
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
