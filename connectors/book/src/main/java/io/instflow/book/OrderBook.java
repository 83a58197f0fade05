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
 * <p>State is primitive arrays, and an open-addressing primitive map from order id to slot once the
 * book has held more than {@link #SCANNED_SLOTS} orders; no allocation per record once the arrays
 * have grown. Not thread-safe. One class of about 450 lines on purpose: the book's invariants span
 * both sides, the order index and the anomaly counts, and each action updates them together.
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

    /**
     * {@link #apply} result bit: the record raised an anomaly count ({@link #anomalies()}), so a
     * caller reporting anomalies need not read the counts after every record.
     */
    public static final int ANOMALY = 16;

    private static final long NO_SLOT = -1;

    private static final int SLOT = 4;
    private static final int ID = 0;
    private static final int PRICE = 1;
    private static final int SIZE = 2;
    private static final int SIDE = 3;

    /**
     * Slots searched by scanning their ids instead of through a map: a book of a few orders (most
     * options books) then finds an order in the lines it reads next anyway, rather than first in a
     * map of its own that is rarely in the CPU's cache.
     */
    static final int SCANNED_SLOTS = 16;

    private final long instrumentId;
    private final long halfTick;

    /** Slot by order id; null until the book uses more than {@link #SCANNED_SLOTS} slots. */
    private Long2LongHashMap slotByOrderId;

    private final PriceLevels bids = new PriceLevels(true);
    private final PriceLevels asks = new PriceLevels(false);
    private final BookAnomalies anomalies = new BookAnomalies();

    /**
     * The resting orders, one slot of {@link #SLOT} longs each (id, price, size, side; side 0 for a
     * free slot): an order's fields lie together, in one or two cache lines rather than four
     * arrays, since on a day of thousands of books its book is rarely in the CPU's cache when its
     * next record comes.
     */
    private long[] orders = new long[16 * SLOT];

    private int[] freeSlots = new int[16];
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
     * #OBSERVABLE}, {@link #TOP_CHANGED}, {@link #ANOMALY}.
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
            result |= ANOMALY;
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
                    result |= ANOMALY;
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
            return ANOMALY;
        }
        int result = CHANGED;
        long slot = slotOf(orderId);
        if (slot != NO_SLOT) {
            anomalies.duplicateAdds++;
            result |= ANOMALY;
            removeSlot((int) slot);
        }
        insert(orderId, price, size, side);
        return result;
    }

    private int cancel(long orderId, long size) {
        long found = slotOf(orderId);
        if (found == NO_SLOT) {
            anomalies.unknownCancels++;
            return ANOMALY;
        }
        int at = (int) found * SLOT;
        long remaining = orders[at + SIZE];
        if (size > remaining) {
            anomalies.overCancels++;
            removeSlot((int) found);
            return CHANGED | ANOMALY;
        }
        if (size == remaining) {
            removeSlot((int) found);
        } else {
            orders[at + SIZE] = remaining - size;
            topTouched |= levels(orders[at + SIDE]).remove(orders[at + PRICE], size, 0);
        }
        return CHANGED;
    }

    private int modify(long orderId, long price, long size, byte side) {
        long found = slotOf(orderId);
        if (found == NO_SLOT) {
            anomalies.unknownModifies++;
            return ANOMALY | add(orderId, price, size, side);
        }
        int slot = (int) found;
        if (size <= 0 || price == DbnConstants.UNDEF_PRICE) {
            anomalies.invalidOrders++;
            removeSlot(slot);
            return CHANGED | ANOMALY;
        }
        int at = slot * SLOT;
        long oldSide = orders[at + SIDE];
        long newSide = side == 'B' || side == 'A' ? side : oldSide;
        topTouched |= levels(oldSide).remove(orders[at + PRICE], orders[at + SIZE], 1);
        orders[at + PRICE] = price;
        orders[at + SIZE] = size;
        orders[at + SIDE] = newSide;
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
            if (usedSlots * SLOT == orders.length) {
                orders = Arrays.copyOf(orders, orders.length * 2);
            }
            slot = usedSlots++;
        }
        int at = slot * SLOT;
        orders[at + ID] = orderId;
        orders[at + PRICE] = price;
        orders[at + SIZE] = size;
        orders[at + SIDE] = side;
        if (slotByOrderId != null) {
            slotByOrderId.put(orderId, slot);
        } else if (usedSlots > SCANNED_SLOTS) {
            index();
        }
        topTouched |= levels(side).add(price, size, 1);
    }

    private void removeSlot(int slot) {
        int at = slot * SLOT;
        topTouched |= levels(orders[at + SIDE]).remove(orders[at + PRICE], orders[at + SIZE], 1);
        if (slotByOrderId != null) {
            slotByOrderId.remove(orders[at + ID]);
        }
        orders[at + SIDE] = 0;
        orders[at + SIZE] = 0;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
        }
        freeSlots[freeCount++] = slot;
    }

    /** The slot holding {@code orderId}, or {@link #NO_SLOT}. */
    private long slotOf(long orderId) {
        if (slotByOrderId != null) {
            return slotByOrderId.get(orderId);
        }
        for (int at = 0; at < usedSlots * SLOT; at += SLOT) {
            if (orders[at + ID] == orderId && orders[at + SIDE] != 0) {
                return at / SLOT;
            }
        }
        return NO_SLOT;
    }

    /** Maps every resting order's id to its slot, from now on kept up to date. */
    private void index() {
        slotByOrderId = new Long2LongHashMap(NO_SLOT);
        for (int at = 0; at < usedSlots * SLOT; at += SLOT) {
            if (orders[at + SIDE] != 0) {
                slotByOrderId.put(orders[at + ID], at / SLOT);
            }
        }
    }

    private PriceLevels levels(long side) {
        return side == 'B' ? bids : asks;
    }

    /** Empties the book (an R record, or the start of a new snapshot). Anomaly counts are kept. */
    public void clear() {
        if (slotByOrderId != null) {
            slotByOrderId.clear();
        }
        bids.clear();
        asks.clear();
        topTouched = true;
        Arrays.fill(orders, 0, usedSlots * SLOT, 0);
        usedSlots = 0;
        freeCount = 0;
        stale = false;
        tradedSinceClear = false;
    }

    /** Number of resting orders. */
    public int orderCount() {
        return usedSlots - freeCount;
    }

    /** Remaining size of a resting order, or 0 when the book does not hold it. */
    public long orderSize(long orderId) {
        long slot = slotOf(orderId);
        return slot == NO_SLOT ? 0 : orders[(int) slot * SLOT + SIZE];
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

    /** Whether orders are found through the map rather than by scanning the slots. */
    boolean indexed() {
        return slotByOrderId != null;
    }

    /** Calls {@code visitor} for every resting order (order id, price, size, side). */
    void forEachOrder(OrderVisitor visitor) {
        for (int at = 0; at < usedSlots * SLOT; at += SLOT) {
            if (orders[at + SIDE] != 0) {
                visitor.visit(
                        orders[at + ID],
                        orders[at + PRICE],
                        orders[at + SIZE],
                        (byte) orders[at + SIDE]);
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
