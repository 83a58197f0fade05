package io.instflow.dbn.record;

import io.instflow.dbn.RType;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/** Writes market-by-order records in place; the mirror of {@link MboDecoder}. Not thread-safe. */
public final class MboEncoder {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private MutableDirectBuffer buffer;
    private int offset;

    /** Starts a record at {@code offset}: writes the length and rtype, zeroes the rest. */
    public MboEncoder wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        buffer.setMemory(offset, MboDecoder.LENGTH, (byte) 0);
        buffer.putByte(offset, (byte) (MboDecoder.LENGTH / 4));
        buffer.putByte(offset + 1, (byte) RType.MBO);
        return this;
    }

    public MboEncoder publisherId(int value) {
        buffer.putShort(offset + 2, (short) value, LE);
        return this;
    }

    public MboEncoder instrumentId(long value) {
        buffer.putInt(offset + 4, (int) value, LE);
        return this;
    }

    public MboEncoder tsEvent(long value) {
        buffer.putLong(offset + 8, value, LE);
        return this;
    }

    public MboEncoder orderId(long value) {
        buffer.putLong(offset + MboDecoder.ORDER_ID_OFFSET, value, LE);
        return this;
    }

    public MboEncoder price(long value) {
        buffer.putLong(offset + MboDecoder.PRICE_OFFSET, value, LE);
        return this;
    }

    public MboEncoder size(long value) {
        buffer.putInt(offset + MboDecoder.SIZE_OFFSET, (int) value, LE);
        return this;
    }

    public MboEncoder flags(int value) {
        buffer.putByte(offset + MboDecoder.FLAGS_OFFSET, (byte) value);
        return this;
    }

    public MboEncoder channelId(int value) {
        buffer.putByte(offset + MboDecoder.CHANNEL_ID_OFFSET, (byte) value);
        return this;
    }

    public MboEncoder action(byte value) {
        buffer.putByte(offset + MboDecoder.ACTION_OFFSET, value);
        return this;
    }

    public MboEncoder side(byte value) {
        buffer.putByte(offset + MboDecoder.SIDE_OFFSET, value);
        return this;
    }

    public MboEncoder tsRecv(long value) {
        buffer.putLong(offset + MboDecoder.TS_RECV_OFFSET, value, LE);
        return this;
    }

    public MboEncoder tsInDelta(int value) {
        buffer.putInt(offset + MboDecoder.TS_IN_DELTA_OFFSET, value, LE);
        return this;
    }

    public MboEncoder sequence(long value) {
        buffer.putInt(offset + MboDecoder.SEQUENCE_OFFSET, (int) value, LE);
        return this;
    }
}
