package io.instflow.book;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Compact binary form of an {@link OrderBook} for keyed state and checkpoints: a small header, the
 * anomaly counts, then 25 bytes per resting order. Price levels are rebuilt on read.
 */
public final class OrderBookCodec {

    /** Format version written first; bump it when the layout changes. */
    public static final int VERSION = 1;

    private OrderBookCodec() {}

    public static void write(OrderBook book, DataOutput out) throws IOException {
        out.writeByte(VERSION);
        out.writeLong(book.instrumentId());
        out.writeLong(book.halfTick() * 2);
        out.writeBoolean(book.inSnapshot());
        out.writeLong(book.snapshotTsRecv());
        out.writeBoolean(book.stale());
        out.writeBoolean(book.tradedSinceClear());
        for (long count : book.anomalies().toArray()) {
            out.writeLong(count);
        }
        out.writeInt(book.orderCount());
        try {
            book.forEachOrder(
                    (orderId, price, size, side) -> {
                        try {
                            out.writeLong(orderId);
                            out.writeLong(price);
                            out.writeLong(size);
                            out.writeByte(side);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public static OrderBook read(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException(
                    "unknown order book state version "
                            + version
                            + " (this build reads "
                            + VERSION
                            + ")");
        }
        OrderBook book = new OrderBook(in.readLong(), in.readLong());
        boolean inSnapshot = in.readBoolean();
        long snapshotTsRecv = in.readLong();
        boolean stale = in.readBoolean();
        boolean traded = in.readBoolean();
        long[] anomalies = new long[BookAnomalies.FIELDS];
        for (int i = 0; i < anomalies.length; i++) {
            anomalies[i] = in.readLong();
        }
        int orders = in.readInt();
        for (int i = 0; i < orders; i++) {
            book.restoreOrder(in.readLong(), in.readLong(), in.readLong(), in.readByte());
        }
        book.restore(inSnapshot, snapshotTsRecv, stale, traded, anomalies);
        return book;
    }
}
