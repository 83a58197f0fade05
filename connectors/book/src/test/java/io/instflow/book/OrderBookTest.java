package io.instflow.book;

import io.instflow.dbn.DbnConstants;
import io.instflow.dbn.Flags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class OrderBookTest {

    private static final long TICK = 250_000_000L;
    private static final long PX = 21_000_000_000_000L;
    private static final int LAST = Flags.LAST;

    private final OrderBook book = new OrderBook(42, TICK);

    private int add(long id, long price, long size, char side) {
        return book.apply((byte) 'A', (byte) side, id, price, size, LAST, 1);
    }

    /** Best bid price, size, orders, then best ask price, size, orders (0 for an empty side). */
    static long[] top(OrderBook book) {
        return new long[] {
            book.hasBid() ? book.bidPrice() : 0,
            book.bidSize(),
            book.bidCount(),
            book.hasAsk() ? book.askPrice() : 0,
            book.askSize(),
            book.askCount()
        };
    }

    @Test
    void shouldLeaveTheTopAsItWasWhenAnObservableRecordHasNoTopChange() {
        Random random = new Random(11);
        long[] before = top(book);
        int unchanged = 0;
        int changed = 0;
        for (int step = 0; step < 50_000; step++) {
            long id = 1 + random.nextInt(300);
            long price = PX + (random.nextInt(21) - 10) * TICK;
            long size = random.nextInt(8);
            char side = random.nextBoolean() ? 'B' : 'A';
            char action = "AAACCCMMT".charAt(random.nextInt(9));
            if (random.nextInt(5_000) == 0) {
                action = 'R';
            }
            int flags = random.nextInt(4) == 0 ? 0 : LAST;
            int result = book.apply((byte) action, (byte) side, id, price, size, flags, step);
            if ((result & OrderBook.OBSERVABLE) == 0) {
                continue;
            }
            long[] now = top(book);
            if ((result & OrderBook.TOP_CHANGED) == 0) {
                unchanged++;
                assertThat(now).as("top at step %d", step).isEqualTo(before);
            } else {
                changed++;
            }
            before = now;
        }
        assertThat(unchanged).as("observable records below the top").isGreaterThan(1_000);
        assertThat(changed).as("observable records at the top").isGreaterThan(1_000);
    }

    @Test
    void shouldFlagExactlyTheRecordsThatRaiseAnAnomalyCount() {
        Random random = new Random(17);
        int flagged = 0;
        for (int step = 0; step < 50_000; step++) {
            long id = 1 + random.nextInt(200);
            long price =
                    random.nextInt(50) == 0
                            ? DbnConstants.UNDEF_PRICE
                            : PX + (random.nextInt(9) - 4) * TICK;
            long size = random.nextInt(6);
            char side = "BBAAN".charAt(random.nextInt(5));
            char action = "AAACCCMMTF".charAt(random.nextInt(10));
            int flags = random.nextInt(3) == 0 ? 0 : LAST;
            if (random.nextInt(500) == 0) {
                flags |= Flags.MAYBE_BAD_BOOK;
            }
            long before = book.anomalies().total();
            int result = book.apply((byte) action, (byte) side, id, price, size, flags, step);
            boolean raised = book.anomalies().total() > before;
            assertThat((result & OrderBook.ANOMALY) != 0)
                    .as("anomaly bit at step %d (%s %s)", step, action, side)
                    .isEqualTo(raised);
            flagged += raised ? 1 : 0;
        }
        assertThat(flagged).as("records that raised a count").isGreaterThan(1_000);
    }

    /**
     * With 12 order ids the book never holds more orders than it scans; with 24 it crosses to its
     * map and back below; with 400 it keeps a map almost from the start.
     */
    @ParameterizedTest
    @ValueSource(ints = {12, 24, 400})
    void shouldHoldTheOrdersAndLevelsOfAModelOfTheSameChanges(int ids) {
        Random random = new Random(23);
        Map<Long, long[]> model = new HashMap<>();
        for (int step = 1; step <= 20_000; step++) {
            long id = 1 + random.nextInt(ids);
            long price = PX + (random.nextInt(41) - 20) * TICK;
            long size = 1 + random.nextInt(9);
            char side = random.nextBoolean() ? 'B' : 'A';
            long[] resting = model.get(id);
            switch ("AAAACCM".charAt(random.nextInt(7))) {
                case 'A' -> {
                    book.apply((byte) 'A', (byte) side, id, price, size, LAST, step);
                    model.put(id, new long[] {price, size, side});
                }
                case 'C' -> {
                    book.apply((byte) 'C', (byte) side, id, price, size, LAST, step);
                    if (resting != null && size >= resting[1]) {
                        model.remove(id);
                    } else if (resting != null) {
                        resting[1] -= size;
                    }
                }
                default -> {
                    book.apply((byte) 'M', (byte) side, id, price, size, LAST, step);
                    model.put(id, new long[] {price, size, side});
                }
            }
            if (step % 500 == 0) {
                assertThat(book.orderCount()).as("orders at step %d", step).isEqualTo(model.size());
                for (long order = 1; order <= ids; order++) {
                    long[] expected = model.get(order);
                    assertThat(book.orderSize(order))
                            .as("order %d at step %d", order, step)
                            .isEqualTo(expected == null ? 0 : expected[1]);
                }
                assertThat(levels(book, true)).isEqualTo(levels(model, 'B'));
                assertThat(levels(book, false)).isEqualTo(levels(model, 'A'));
            }
        }
        assertThat(model.size()).as("orders resting in the model").isGreaterThan(ids / 2);
        assertThat(book.indexed())
                .as("whether the book came to hold more orders than it scans")
                .isEqualTo(ids > OrderBook.SCANNED_SLOTS);
    }

    /** Price to {size, order count} of one side of the book, best first. */
    private static Map<Long, List<Long>> levels(OrderBook book, boolean bids) {
        Map<Long, List<Long>> levels = new LinkedHashMap<>();
        int depth = bids ? book.bidLevels() : book.askLevels();
        for (int i = 0; i < depth; i++) {
            levels.put(
                    bids ? book.bidPrice(i) : book.askPrice(i),
                    List.of(
                            bids ? book.bidSize(i) : book.askSize(i),
                            (long) (bids ? book.bidCount(i) : book.askCount(i))));
        }
        return levels;
    }

    private static Map<Long, List<Long>> levels(Map<Long, long[]> model, char side) {
        Comparator<Long> bestFirst =
                side == 'B' ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder();
        TreeMap<Long, long[]> byPrice = new TreeMap<>(bestFirst);
        for (long[] order : model.values()) {
            if (order[2] == side) {
                long[] level = byPrice.computeIfAbsent(order[0], p -> new long[2]);
                level[0] += order[1];
                level[1]++;
            }
        }
        Map<Long, List<Long>> levels = new LinkedHashMap<>();
        byPrice.forEach((price, level) -> levels.put(price, List.of(level[0], level[1])));
        return levels;
    }

    @Test
    void shouldAggregateAddsIntoLevelsWithSizeAndCount() {
        add(1, PX, 5, 'B');
        add(2, PX, 3, 'B');
        add(3, PX - TICK, 7, 'B');
        add(4, PX + TICK, 2, 'A');
        add(5, PX + 2 * TICK, 9, 'A');

        assertThat(book.bidPrice()).isEqualTo(PX);
        assertThat(book.bidSize()).isEqualTo(8);
        assertThat(book.bidCount()).isEqualTo(2);
        assertThat(book.askPrice()).isEqualTo(PX + TICK);
        assertThat(book.askSize()).isEqualTo(2);
        assertThat(book.askCount()).isEqualTo(1);
        assertThat(book.bidLevels()).isEqualTo(2);
        assertThat(book.bidPrice(1)).isEqualTo(PX - TICK);
        assertThat(book.askPrice(1)).isEqualTo(PX + 2 * TICK);
        assertThat(book.orderCount()).isEqualTo(5);
    }

    @Test
    void shouldRemoveThePartialAndFullCancelledSize() {
        add(1, PX, 5, 'B');
        add(2, PX, 3, 'B');
        int result = book.apply((byte) 'C', (byte) 'B', 1, PX, 2, LAST, 2);
        assertThat(result & OrderBook.CHANGED).isNotZero();
        assertThat(book.orderSize(1)).isEqualTo(3);
        assertThat(book.bidSize()).isEqualTo(6);
        assertThat(book.bidCount()).isEqualTo(2);

        book.apply((byte) 'C', (byte) 'B', 1, PX, 3, LAST, 3);
        assertThat(book.orderSize(1)).isZero();
        assertThat(book.bidSize()).isEqualTo(3);
        assertThat(book.bidCount()).isEqualTo(1);
        assertThat(book.anomalies().total()).isZero();
    }

    @Test
    void shouldMoveAModifiedOrderToItsNewPriceAndSize() {
        add(1, PX, 5, 'B');
        add(2, PX - TICK, 1, 'B');
        book.apply((byte) 'M', (byte) 'B', 1, PX - TICK, 4, LAST, 2);
        assertThat(book.bidPrice()).isEqualTo(PX - TICK);
        assertThat(book.bidSize()).isEqualTo(5);
        assertThat(book.bidCount()).isEqualTo(2);
        assertThat(book.bidLevels()).isEqualTo(1);
    }

    @Test
    void shouldEmptyTheBookOnClear() {
        add(1, PX, 5, 'B');
        add(2, PX + TICK, 5, 'A');
        book.apply((byte) 'R', (byte) 'N', 0, DbnConstants.UNDEF_PRICE, 0, LAST, 2);
        assertThat(book.orderCount()).isZero();
        assertThat(book.hasBid()).isFalse();
        assertThat(book.hasAsk()).isFalse();
        assertThat(book.bidPrice()).isEqualTo(DbnConstants.UNDEF_PRICE);
    }

    @Test
    void shouldNeverChangeTheBookOnTradesFillsOrNone() {
        add(1, PX, 5, 'B');
        add(2, PX + TICK, 5, 'A');
        assertThat(book.apply((byte) 'T', (byte) 'B', 0, PX + TICK, 2, 0, 2) & OrderBook.CHANGED)
                .isZero();
        assertThat(book.apply((byte) 'F', (byte) 'A', 2, PX + TICK, 2, 0, 2) & OrderBook.CHANGED)
                .isZero();
        assertThat(book.apply((byte) 'N', (byte) 'N', 0, 0, 0, LAST, 2) & OrderBook.CHANGED)
                .isZero();
        assertThat(book.askSize()).isEqualTo(5);
        assertThat(book.orderSize(2)).isEqualTo(5);
    }

    @Test
    void shouldTakeTheAggressorFromTheTradeSide() {
        assertThat(book.apply((byte) 'T', (byte) 'B', 0, PX, 3, 0, 1)).isEqualTo(OrderBook.TRADE);
        assertThat(book.lastTradeAggressor()).isEqualTo(Aggressor.BUY);
        assertThat(book.lastTradeSize()).isEqualTo(3);
        book.apply((byte) 'T', (byte) 'A', 0, PX, 4, 0, 1);
        assertThat(book.lastTradeAggressor()).isEqualTo(Aggressor.SELL);
        assertThat(book.lastTradePrice()).isEqualTo(PX);
    }

    @Test
    void shouldClassifyTradesWithoutSideAgainstTheQuoteWithinHalfATick() {
        add(1, PX, 5, 'B');
        add(2, PX + 4 * TICK, 5, 'A');
        book.apply((byte) 'T', (byte) 'N', 0, PX + 4 * TICK, 1, 0, 2);
        assertThat(book.lastTradeAggressor()).isEqualTo(Aggressor.BUY);
        book.apply((byte) 'T', (byte) 'N', 0, PX + 4 * TICK - TICK / 2, 1, 0, 2);
        assertThat(book.lastTradeAggressor()).isEqualTo(Aggressor.BUY);
        book.apply((byte) 'T', (byte) 'N', 0, PX + TICK / 2, 1, 0, 2);
        assertThat(book.lastTradeAggressor()).isEqualTo(Aggressor.SELL);
        book.apply((byte) 'T', (byte) 'N', 0, PX + 2 * TICK, 1, 0, 2);
        assertThat(book.lastTradeAggressor()).isEqualTo(Aggressor.UNKNOWN);
    }

    @Test
    void shouldCountUnknownCancelsWithoutCreatingOrders() {
        book.apply((byte) 'C', (byte) 'B', 99, PX, 1, LAST, 1);
        assertThat(book.anomalies().unknownCancels()).isEqualTo(1);
        assertThat(book.orderCount()).isZero();
        assertThat(book.hasBid()).isFalse();
    }

    @Test
    void shouldApplyAnUnknownModifyAsAnOrderWithItsStatedPriceAndSize() {
        book.apply((byte) 'M', (byte) 'A', 7, PX, 4, LAST, 1);
        assertThat(book.anomalies().unknownModifies()).isEqualTo(1);
        assertThat(book.askSize()).isEqualTo(4);
    }

    @Test
    void shouldReplaceAnOrderAddedTwice() {
        add(1, PX, 5, 'B');
        add(1, PX - TICK, 2, 'B');
        assertThat(book.anomalies().duplicateAdds()).isEqualTo(1);
        assertThat(book.orderCount()).isEqualTo(1);
        assertThat(book.bidPrice()).isEqualTo(PX - TICK);
        assertThat(book.bidSize()).isEqualTo(2);
    }

    @Test
    void shouldRemoveAnOrderCancelledBeyondItsSize() {
        add(1, PX, 5, 'B');
        book.apply((byte) 'C', (byte) 'B', 1, PX, 9, LAST, 2);
        assertThat(book.anomalies().overCancels()).isEqualTo(1);
        assertThat(book.orderCount()).isZero();
        assertThat(book.bidLevels()).isZero();
    }

    @Test
    void shouldIgnoreAddsWithoutSizeOrPrice() {
        add(1, PX, 0, 'B');
        add(2, DbnConstants.UNDEF_PRICE, 3, 'B');
        add(3, PX, 3, 'N');
        assertThat(book.anomalies().invalidOrders()).isEqualTo(3);
        assertThat(book.orderCount()).isZero();
    }

    @Test
    void shouldCountACrossedBookOnlyWhenObservable() {
        book.apply((byte) 'T', (byte) 'B', 0, PX, 1, LAST, 1);
        add(1, PX, 5, 'B');
        book.apply((byte) 'A', (byte) 'A', 2, PX, 1, 0, 2);
        assertThat(book.anomalies().crossedAtLast()).isZero();
        book.apply((byte) 'N', (byte) 'N', 0, 0, 0, LAST, 2);
        assertThat(book.anomalies().crossedAtLast()).isEqualTo(1);
        assertThat(book.anomalies().crossedBeforeOpen()).isZero();
    }

    @Test
    void shouldTellAPreOpenCrossFromAnAnomaly() {
        add(1, PX, 5, 'B');
        add(2, PX - TICK, 1, 'A');
        assertThat(book.anomalies().crossedBeforeOpen()).isEqualTo(1);
        assertThat(book.anomalies().crossedAtLast()).isZero();
        assertThat(book.anomalies().total()).isZero();
    }

    @Test
    void shouldReplaceTheBookWithANewSnapshot() {
        int snap = Flags.SNAPSHOT | Flags.BAD_TS_RECV;
        add(1, PX, 5, 'B');
        add(9, PX + TICK, 5, 'A');
        book.apply((byte) 'A', (byte) 'B', 1, PX, 5, snap, 100);
        book.apply((byte) 'A', (byte) 'A', 2, PX + 2 * TICK, 3, snap | LAST, 100);
        assertThat(book.orderCount()).isEqualTo(2);
        assertThat(book.orderSize(9)).isZero();
        assertThat(book.anomalies().duplicateAdds()).isZero();
        book.apply((byte) 'A', (byte) 'B', 1, PX, 5, snap, 200);
        assertThat(book.orderCount()).as("a snapshot with a new ts_recv starts over").isEqualTo(1);
    }

    @Test
    void shouldMarkTheBookStaleOnMaybeBadBook() {
        add(1, PX, 5, 'B');
        book.apply((byte) 'N', (byte) 'N', 0, 0, 0, Flags.MAYBE_BAD_BOOK | LAST, 2);
        assertThat(book.stale()).isTrue();
        book.apply((byte) 'R', (byte) 'N', 0, DbnConstants.UNDEF_PRICE, 0, LAST, 3);
        assertThat(book.stale()).isFalse();
    }

    @Test
    void shouldReportObservableOnlyAtLast() {
        assertThat(book.apply((byte) 'A', (byte) 'B', 1, PX, 1, 0, 1) & OrderBook.OBSERVABLE)
                .isZero();
        assertThat(book.apply((byte) 'A', (byte) 'B', 2, PX, 1, LAST, 1) & OrderBook.OBSERVABLE)
                .isNotZero();
    }

    @Test
    void shouldRestoreFromItsSerialisedState() throws IOException {
        for (int i = 0; i < 200; i++) {
            add(
                    i,
                    PX + (i % 7 - 3) * TICK + (i % 7 >= 3 ? 4 * TICK : 0),
                    1 + i % 5,
                    i % 7 >= 3 ? 'A' : 'B');
        }
        book.apply((byte) 'C', (byte) 'B', 1000, PX, 1, LAST, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OrderBookCodec.write(book, new DataOutputStream(bytes));
        OrderBook restored =
                OrderBookCodec.read(
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(bytes.size()).isLessThan(100 + 200 * 25);
        assertThat(restored.orderCount()).isEqualTo(book.orderCount());
        assertThat(restored.bidPrice()).isEqualTo(book.bidPrice());
        assertThat(restored.bidSize()).isEqualTo(book.bidSize());
        assertThat(restored.askPrice()).isEqualTo(book.askPrice());
        assertThat(restored.askCount()).isEqualTo(book.askCount());
        assertThat(restored.anomalies().unknownCancels()).isEqualTo(1);
        for (OrderBook b : new OrderBook[] {book, restored}) {
            b.apply((byte) 'C', (byte) 'B', 0, PX, 1, LAST, 3);
            b.apply((byte) 'T', (byte) 'N', 0, b.askPrice(), 1, LAST, 3);
        }
        assertThat(restored.bidSize()).isEqualTo(book.bidSize());
        assertThat(restored.lastTradeAggressor())
                .isEqualTo(book.lastTradeAggressor())
                .isEqualTo(Aggressor.BUY);
    }
}
