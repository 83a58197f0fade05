package io.instflow.dbn.record;

import io.instflow.dbn.RType;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/** Writes trades records (MBP-0) in place; the mirror of {@link TradeDecoder}. Not thread-safe. */
public final class TradeEncoder {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private MutableDirectBuffer buffer;
    private int offset;

    /** Starts a record at {@code offset}: writes the length and rtype, zeroes the rest. */
    public TradeEncoder wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        buffer.setMemory(offset, TradeDecoder.LENGTH, (byte) 0);
        buffer.putByte(offset, (byte) (TradeDecoder.LENGTH / 4));
        buffer.putByte(offset + 1, (byte) RType.MBP_0);
        buffer.putByte(offset + TradeFieldsDecoder.ACTION_OFFSET, (byte) 'T');
        return this;
    }

    public TradeEncoder publisherId(int value) {
        buffer.putShort(offset + 2, (short) value, LE);
        return this;
    }

    public TradeEncoder instrumentId(long value) {
        buffer.putInt(offset + 4, (int) value, LE);
        return this;
    }

    public TradeEncoder tsEvent(long value) {
        buffer.putLong(offset + 8, value, LE);
        return this;
    }

    public TradeEncoder price(long value) {
        buffer.putLong(offset + TradeFieldsDecoder.PRICE_OFFSET, value, LE);
        return this;
    }

    public TradeEncoder size(long value) {
        buffer.putInt(offset + TradeFieldsDecoder.SIZE_OFFSET, (int) value, LE);
        return this;
    }

    public TradeEncoder side(byte value) {
        buffer.putByte(offset + TradeFieldsDecoder.SIDE_OFFSET, value);
        return this;
    }

    public TradeEncoder flags(int value) {
        buffer.putByte(offset + TradeFieldsDecoder.FLAGS_OFFSET, (byte) value);
        return this;
    }

    public TradeEncoder tsRecv(long value) {
        buffer.putLong(offset + TradeFieldsDecoder.TS_RECV_OFFSET, value, LE);
        return this;
    }

    public TradeEncoder tsInDelta(int value) {
        buffer.putInt(offset + TradeFieldsDecoder.TS_IN_DELTA_OFFSET, value, LE);
        return this;
    }

    public TradeEncoder sequence(long value) {
        buffer.putInt(offset + TradeFieldsDecoder.SEQUENCE_OFFSET, (int) value, LE);
        return this;
    }
}
