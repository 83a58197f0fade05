package io.instflow.book;

import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.testing.SharedTestData;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the real ESH4 MBO captures (a snapshot file, then a full day that starts with its own
 * snapshot of the same orders). The book is crossed at a LAST only in the pre-open auction before
 * the 23:00 UTC reopen, where CME lets orders rest crossed until the opening uncross; from the
 * first trade on it never is. Price levels always equal the sum of the resting orders, none of
 * which has a size of zero or less.
 */
class RealDataReplayTest {

    @Test
    void shouldKeepTheRealEsh4BookConsistentAndUncrossed() {
        Path dir = SharedTestData.require().resolve("glbx/nautilus_trader");
        MarketBooks books = new MarketBooks(id -> 250_000_000L);
        long[] observable = new long[1];
        long[] trades = new long[3];
        long[] crossed = new long[1];
        long[] lastCrossedTsRecv = new long[1];
        long[] topAtLastObservable = new long[6];
        long[] observableWithoutTopChange = new long[1];
        long[] firstTradeTsRecv = new long[1];
        RecordHandler handler =
                new RecordHandler() {
                    @Override
                    public void onMbo(MboDecoder r) {
                        int result = books.apply(r);
                        OrderBook book = books.lastBook();
                        if ((result & OrderBook.TRADE) != 0) {
                            trades[book.lastTradeAggressor()]++;
                        }
                        if ((result & OrderBook.OBSERVABLE) != 0) {
                            observable[0]++;
                            long[] top = OrderBookTest.top(book);
                            if ((result & OrderBook.TOP_CHANGED) == 0) {
                                observableWithoutTopChange[0]++;
                                assertThat(top)
                                        .as("top without TOP_CHANGED at ts_recv %d", r.tsRecv())
                                        .isEqualTo(topAtLastObservable);
                            }
                            System.arraycopy(top, 0, topAtLastObservable, 0, top.length);
                            if (book.hasBid()
                                    && book.hasAsk()
                                    && book.bidPrice() >= book.askPrice()) {
                                crossed[0]++;
                                lastCrossedTsRecv[0] = r.tsRecv();
                            }
                        }
                        if ((result & OrderBook.TRADE) != 0 && firstTradeTsRecv[0] == 0) {
                            firstTradeTsRecv[0] = r.tsRecv();
                        }
                    }
                };
        for (String name :
                new String[] {
                    "esh4-glbx-mdp3-20231224.mbo.dbn.zst", "esh4-glbx-mdp3-20231225.mbo.dbn.zst"
                }) {
            try (DbnReader reader = DbnReader.open(dir.resolve(name))) {
                reader.readAll(handler);
            }
            assertLevelsMatchOrders(books.book(17077));
        }
        OrderBook book = books.book(17077);
        assertThat(observable[0]).isEqualTo(1 + 47022);
        assertThat(observableWithoutTopChange[0])
                .as("observable records that left the best levels alone")
                .isPositive()
                .isLessThan(observable[0]);
        assertThat(book.anomalies().crossedAtLast()).as("crossed after trading started").isZero();
        assertThat(book.anomalies().crossedBeforeOpen()).isEqualTo(crossed[0]).isPositive();
        assertThat(lastCrossedTsRecv[0])
                .as("crossed only in the pre-open auction, before the 23:00 UTC open")
                .isLessThan(firstTradeTsRecv[0])
                .isLessThanOrEqualTo(1703545200_000_100_000L);
        assertThat(book.anomalies().duplicateAdds())
                .as("second snapshot replaces the book")
                .isZero();
        assertThat(trades[Aggressor.BUY] + trades[Aggressor.SELL] + trades[Aggressor.UNKNOWN])
                .isEqualTo(2973);
        assertThat(trades[Aggressor.UNKNOWN]).isLessThanOrEqualTo(1);
        assertThat(book.orderCount()).isPositive();
        assertThat(book.bidPrice()).isLessThan(book.askPrice());
    }

    private static void assertLevelsMatchOrders(OrderBook book) {
        Map<Long, long[]> bids = new HashMap<>();
        Map<Long, long[]> asks = new HashMap<>();
        book.forEachOrder(
                (orderId, price, size, side) -> {
                    assertThat(size).as("order %d size", orderId).isPositive();
                    long[] level =
                            (side == 'B' ? bids : asks).computeIfAbsent(price, p -> new long[2]);
                    level[0] += size;
                    level[1]++;
                });
        assertThat(book.bidLevels()).isEqualTo(bids.size());
        assertThat(book.askLevels()).isEqualTo(asks.size());
        for (int d = 0; d < book.bidLevels(); d++) {
            assertThat(new long[] {book.bidSize(d), book.bidCount(d)})
                    .isEqualTo(bids.get(book.bidPrice(d)));
            if (d > 0) {
                assertThat(book.bidPrice(d)).isLessThan(book.bidPrice(d - 1));
            }
        }
        for (int d = 0; d < book.askLevels(); d++) {
            assertThat(new long[] {book.askSize(d), book.askCount(d)})
                    .isEqualTo(asks.get(book.askPrice(d)));
            if (d > 0) {
                assertThat(book.askPrice(d)).isGreaterThan(book.askPrice(d - 1));
            }
        }
    }
}
