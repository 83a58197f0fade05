package io.instflow.ifd.functions;

import io.instflow.book.OrderBook;
import io.instflow.book.OrderBookCodec;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** Keyed-state serializer of an {@link OrderBook}: the book's own compact codec. */
public final class OrderBookSerializer extends TypeSerializerSingleton<OrderBook> {

    private static final long serialVersionUID = 1L;
    public static final OrderBookSerializer INSTANCE = new OrderBookSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public OrderBook createInstance() {
        return new OrderBook(0, 0);
    }

    @Override
    public OrderBook copy(OrderBook from) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            OrderBookCodec.write(from, new java.io.DataOutputStream(bytes));
            return OrderBookCodec.read(
                    new java.io.DataInputStream(
                            new java.io.ByteArrayInputStream(bytes.toByteArray())));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public OrderBook copy(OrderBook from, OrderBook reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(OrderBook book, DataOutputView target) throws IOException {
        OrderBookCodec.write(book, target);
    }

    @Override
    public OrderBook deserialize(DataInputView source) throws IOException {
        return OrderBookCodec.read(source);
    }

    @Override
    public OrderBook deserialize(OrderBook reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<OrderBook> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot for restores. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<OrderBook> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
