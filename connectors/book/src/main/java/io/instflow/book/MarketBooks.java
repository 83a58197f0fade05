package io.instflow.book;

import io.instflow.dbn.record.MboDecoder;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.function.LongUnaryOperator;

/**
 * One {@link OrderBook} per instrument of an MBO stream, created on first sight. The tick of each
 * instrument comes from a lookup (definitions), or 0 when unknown. Not thread-safe.
 */
public final class MarketBooks {

    private final Long2ObjectHashMap<OrderBook> books = new Long2ObjectHashMap<>();
    private final LongUnaryOperator tickSizes;
    private OrderBook last;

    /**
     * @param tickSizes instrument id to tick size in 1e-9 units (0 when unknown)
     */
    public MarketBooks(LongUnaryOperator tickSizes) {
        this.tickSizes = tickSizes;
    }

    /** Applies a record to its instrument's book; {@link #lastBook()} is that book afterwards. */
    public int apply(MboDecoder r) {
        return book(r.instrumentId()).apply(r);
    }

    /** The book of an instrument, created empty when new. */
    public OrderBook book(long instrumentId) {
        if (last != null && last.instrumentId() == instrumentId) {
            return last;
        }
        OrderBook book = books.get(instrumentId);
        if (book == null) {
            book = new OrderBook(instrumentId, tickSizes.applyAsLong(instrumentId));
            books.put(instrumentId, book);
        }
        last = book;
        return book;
    }

    /** The book the last {@link #apply} went to. */
    public OrderBook lastBook() {
        return last;
    }

    public int size() {
        return books.size();
    }

    /** Every book, in no particular order. */
    public Iterable<OrderBook> books() {
        return books.values();
    }

    /** Anomaly counts summed over every book. */
    public BookAnomalies totalAnomalies() {
        BookAnomalies total = new BookAnomalies();
        for (OrderBook book : books.values()) {
            total.addAll(book.anomalies());
        }
        return total;
    }
}
