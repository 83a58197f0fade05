package io.instflow.book;

import io.instflow.dbn.DbnConstants;
import io.instflow.dbn.Flags;
import io.instflow.dbn.record.MboDecoder;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * The order book of one instrument, rebuilt from its MBO records (spec ifd-v3 section 2).
 *
 * <p>Only A (add), C (cancel), M (modify) and R (clear) change the book; T, F and N never do. A
 * snapshot (records flagged SNAPSHOT) replaces the book: the first snapshot record with a new
 * ts_recv clears it. A book crossed at LAST before its first trade is a pre-open auction and is
 * counted apart from crossings after trading started, which mean a missed message. Book state is
 * meant to be read after a record flagged LAST. Records that do not fit the book (cancels of
 * unknown orders, duplicate adds, ...) are counted in {@link #anomalies()} and never throw or
 * create phantom orders. Trades are classified by aggressor: the T record's side, or for side N its
 * price against the best bid and offer before the trade, within half a tick.
 *
 * <p>State is primitive arrays and an open-addressing primitive map; no allocation per record once
 * the arrays have grown. Not thread-safe. One class of about 400 lines on purpose: the book's
 * invariants span both sides, the order index and the anomaly counts, and each action updates them
 * together.
 */
public final class OrderBook {

    /** {@link #apply} result bit: the book changed. */
    public static final int CHANGED = 1;

    /** {@link #apply} result bit: a trade was classified; see {@link #lastTradeAggressor()}. */
    public static final int TRADE = 2;

    /**
     * {@link #apply} result bit: the record ends an exchange event (LAST): the book is observable.
     */
    public static final int OBSERVABLE = 4;

    /**
     * {@link #apply} result bit, with {@link #OBSERVABLE}: the best bid or ask level may have
     * changed since the previous observable result (price, size or order count). Without it they
     * are as they were then, so a caller tracking the top need not read it.
     */
    public static final int TOP_CHANGED = 8;

    private static final long NO_SLOT = -1;

    private final long instrumentId;
    private final long halfTick;
    private final Long2LongHashMap slotByOrderId = new Long2LongHashMap(NO_SLOT);
    private final PriceLevels bids = new PriceLevels(true);
    private final PriceLevels asks = new PriceLevels(false);
    private final BookAnomalies anomalies = new BookAnomalies();
    private long[] orderIds = new long[64];
    private long[] prices = new long[64];
    private long[] sizes = new long[64];
    private byte[] sides = new byte[64];
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int usedSlots;
    private boolean inSnapshot;
    private long snapshotTsRecv = DbnConstants.UNDEF_TIMESTAMP;
    private boolean stale;
    private boolean tradedSinceClear;

    /** A best level was touched since the last observable result; true for a new or loaded book. */
    private boolean topTouched = true;

    private int lastTradeAggressor;
    private long lastTradePrice;
    private long lastTradeSize;

    /**
     * @param tickSize the instrument's tick in 1e-9 units, for classifying trades without a side; 0
     *     or undefined when unknown (prices are then compared exactly)
     */
    public OrderBook(long instrumentId, long tickSize) {
        this.instrumentId = instrumentId;
        this.halfTick = tickSize > 0 && tickSize != DbnConstants.UNDEF_PRICE ? tickSize / 2 : 0;
    }

    public long instrumentId() {
        return instrumentId;
    }

    /**
     * Applies one MBO record; returns a set of {@link #CHANGED}, {@link #TRADE}, {@link
     * #OBSERVABLE}, {@link #TOP_CHANGED}.
     */
    public int apply(MboDecoder r) {
        return apply(r.action(), r.side(), r.orderId(), r.price(), r.size(), r.flags(), r.tsRecv());
    }

    /** Applies one MBO event given by its fields (prices 1e-9 units, sizes in contracts). */
    public int apply(
            byte action, byte side, long orderId, long price, long size, int flags, long tsRecv) {
        int result = 0;
        if ((flags & Flags.SNAPSHOT) != 0) {
            if (!inSnapshot || tsRecv != snapshotTsRecv) {
                clear();
                inSnapshot = true;
                snapshotTsRecv = tsRecv;
                result = CHANGED;
            }
        } else {
            inSnapshot = false;
        }
        if ((flags & Flags.MAYBE_BAD_BOOK) != 0) {
            anomalies.maybeBadBook++;
            stale = true;
        }
        switch (action) {
            case 'A':
                result |= add(orderId, price, size, side);
                break;
            case 'C':
                result |= cancel(orderId, size);
                break;
            case 'M':
                result |= modify(orderId, price, size, side);
                break;
            case 'R':
                clear();
                result |= CHANGED;
                break;
            case 'T':
                classify(side, price, size);
                tradedSinceClear = true;
                result |= TRADE;
                break;
            default:
                break;
        }
        if ((flags & Flags.LAST) != 0) {
            result |= topTouched ? OBSERVABLE | TOP_CHANGED : OBSERVABLE;
            topTouched = false;
            if (!bids.isEmpty() && !asks.isEmpty() && bids.bestPrice() >= asks.bestPrice()) {
                if (tradedSinceClear) {
                    anomalies.crossedAtLast++;
                } else {
                    anomalies.crossedBeforeOpen++;
                }
            }
        }
        return result;
    }

    private int add(long orderId, long price, long size, byte side) {
        if (size <= 0 || price == DbnConstants.UNDEF_PRICE || (side != 'B' && side != 'A')) {
            anomalies.invalidOrders++;
            return 0;
        }
        long slot = slotByOrderId.get(orderId);
        if (slot != NO_SLOT) {
            anomalies.duplicateAdds++;
            removeSlot((int) slot);
        }
        insert(orderId, price, size, side);
        return CHANGED;
    }

    private int cancel(long orderId, long size) {
        long found = slotByOrderId.get(orderId);
        if (found == NO_SLOT) {
            anomalies.unknownCancels++;
            return 0;
        }
        int slot = (int) found;
        long remaining = sizes[slot];
        if (size >= remaining) {
            if (size > remaining) {
                anomalies.overCancels++;
            }
            removeSlot(slot);
        } else {
            sizes[slot] = remaining - size;
            topTouched |= levels(sides[slot]).remove(prices[slot], size, 0);
        }
        return CHANGED;
    }

    private int modify(long orderId, long price, long size, byte side) {
        long found = slotByOrderId.get(orderId);
        if (found == NO_SLOT) {
            anomalies.unknownModifies++;
            return add(orderId, price, size, side);
        }
        int slot = (int) found;
        if (size <= 0 || price == DbnConstants.UNDEF_PRICE) {
            anomalies.invalidOrders++;
            removeSlot(slot);
            return CHANGED;
        }
        byte newSide = side == 'B' || side == 'A' ? side : sides[slot];
        topTouched |= levels(sides[slot]).remove(prices[slot], sizes[slot], 1);
        prices[slot] = price;
        sizes[slot] = size;
        sides[slot] = newSide;
        topTouched |= levels(newSide).add(price, size, 1);
        return CHANGED;
    }

    private void classify(byte side, long price, long size) {
        lastTradePrice = price;
        lastTradeSize = size;
        if (side == 'B') {
            lastTradeAggressor = Aggressor.BUY;
        } else if (side == 'A') {
            lastTradeAggressor = Aggressor.SELL;
        } else if (!asks.isEmpty() && price >= asks.bestPrice() - halfTick) {
            lastTradeAggressor = Aggressor.BUY;
        } else if (!bids.isEmpty() && price <= bids.bestPrice() + halfTick) {
            lastTradeAggressor = Aggressor.SELL;
        } else {
            lastTradeAggressor = Aggressor.UNKNOWN;
        }
    }

    private void insert(long orderId, long price, long size, byte side) {
        int slot;
        if (freeCount > 0) {
            slot = freeSlots[--freeCount];
        } else {
            if (usedSlots == orderIds.length) {
                grow();
            }
            slot = usedSlots++;
        }
        orderIds[slot] = orderId;
        prices[slot] = price;
        sizes[slot] = size;
        sides[slot] = side;
        slotByOrderId.put(orderId, slot);
        topTouched |= levels(side).add(price, size, 1);
    }

    private void removeSlot(int slot) {
        topTouched |= levels(sides[slot]).remove(prices[slot], sizes[slot], 1);
        slotByOrderId.remove(orderIds[slot]);
        sides[slot] = 0;
        sizes[slot] = 0;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
        }
        freeSlots[freeCount++] = slot;
    }

    private void grow() {
        int capacity = orderIds.length * 2;
        orderIds = Arrays.copyOf(orderIds, capacity);
        prices = Arrays.copyOf(prices, capacity);
        sizes = Arrays.copyOf(sizes, capacity);
        sides = Arrays.copyOf(sides, capacity);
    }

    private PriceLevels levels(byte side) {
        return side == 'B' ? bids : asks;
    }

    /** Empties the book (an R record, or the start of a new snapshot). Anomaly counts are kept. */
    public void clear() {
        slotByOrderId.clear();
        bids.clear();
        asks.clear();
        topTouched = true;
        Arrays.fill(sides, 0, usedSlots, (byte) 0);
        usedSlots = 0;
        freeCount = 0;
        stale = false;
        tradedSinceClear = false;
    }

    /** Number of resting orders. */
    public int orderCount() {
        return slotByOrderId.size();
    }

    /** Remaining size of a resting order, or 0 when the book does not hold it. */
    public long orderSize(long orderId) {
        long slot = slotByOrderId.get(orderId);
        return slot == NO_SLOT ? 0 : sizes[(int) slot];
    }

    public boolean hasBid() {
        return !bids.isEmpty();
    }

    public boolean hasAsk() {
        return !asks.isEmpty();
    }

    /** Best bid price (1e-9 units), or undefined when there is no bid. */
    public long bidPrice() {
        return bids.isEmpty() ? DbnConstants.UNDEF_PRICE : bids.bestPrice();
    }

    public long bidSize() {
        return bids.isEmpty() ? 0 : bids.bestSize();
    }

    public int bidCount() {
        return bids.isEmpty() ? 0 : bids.bestCount();
    }

    /** Best offer price (1e-9 units), or undefined when there is no offer. */
    public long askPrice() {
        return asks.isEmpty() ? DbnConstants.UNDEF_PRICE : asks.bestPrice();
    }

    public long askSize() {
        return asks.isEmpty() ? 0 : asks.bestSize();
    }

    public int askCount() {
        return asks.isEmpty() ? 0 : asks.bestCount();
    }

    public int bidLevels() {
        return bids.levels();
    }

    public int askLevels() {
        return asks.levels();
    }

    /** Bid level {@code depth} from the top: price, size and order count. */
    public long bidPrice(int depth) {
        return bids.price(depth);
    }

    public long bidSize(int depth) {
        return bids.size(depth);
    }

    public int bidCount(int depth) {
        return bids.count(depth);
    }

    public long askPrice(int depth) {
        return asks.price(depth);
    }

    public long askSize(int depth) {
        return asks.size(depth);
    }

    public int askCount(int depth) {
        return asks.count(depth);
    }

    /** Aggressor of the last trade: {@link Aggressor#BUY}, {@link Aggressor#SELL} or UNKNOWN. */
    public int lastTradeAggressor() {
        return lastTradeAggressor;
    }

    public long lastTradePrice() {
        return lastTradePrice;
    }

    public long lastTradeSize() {
        return lastTradeSize;
    }

    /** Whether a MAYBE_BAD_BOOK record was seen since the last clear: the book may be wrong. */
    public boolean stale() {
        return stale;
    }

    public BookAnomalies anomalies() {
        return anomalies;
    }

    boolean inSnapshot() {
        return inSnapshot;
    }

    long snapshotTsRecv() {
        return snapshotTsRecv;
    }

    boolean tradedSinceClear() {
        return tradedSinceClear;
    }

    long halfTick() {
        return halfTick;
    }

    /** Calls {@code visitor} for every resting order (order id, price, size, side). */
    void forEachOrder(OrderVisitor visitor) {
        for (int slot = 0; slot < usedSlots; slot++) {
            if (sides[slot] != 0) {
                visitor.visit(orderIds[slot], prices[slot], sizes[slot], sides[slot]);
            }
        }
    }

    void restore(
            boolean inSnapshot,
            long snapshotTsRecv,
            boolean stale,
            boolean traded,
            long[] anomalyCounts) {
        this.inSnapshot = inSnapshot;
        this.snapshotTsRecv = snapshotTsRecv;
        this.stale = stale;
        this.tradedSinceClear = traded;
        this.anomalies.fromArray(anomalyCounts);
    }

    void restoreOrder(long orderId, long price, long size, byte side) {
        insert(orderId, price, size, side);
    }

    @FunctionalInterface
    interface OrderVisitor {
        void visit(long orderId, long price, long size, byte side);
    }
}
