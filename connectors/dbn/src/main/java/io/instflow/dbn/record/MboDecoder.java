package io.instflow.dbn.record;

import org.agrona.DirectBuffer;

/** Flyweight over a market-by-order record (rtype 0xA0, 56 bytes in every version). */
public final class MboDecoder extends RecordDecoder {

    public static final int LENGTH = 56;
    public static final int ORDER_ID_OFFSET = 16;
    public static final int PRICE_OFFSET = 24;
    public static final int SIZE_OFFSET = 32;
    public static final int FLAGS_OFFSET = 36;
    public static final int CHANNEL_ID_OFFSET = 37;
    public static final int ACTION_OFFSET = 38;
    public static final int SIDE_OFFSET = 39;
    public static final int TS_RECV_OFFSET = 40;
    public static final int TS_IN_DELTA_OFFSET = 48;
    public static final int SEQUENCE_OFFSET = 52;

    public MboDecoder wrap(DirectBuffer buffer, int offset) {
        wrapAt(buffer, offset);
        return this;
    }

    /** Venue order id (u64 bits). */
    public long orderId() {
        return i64(ORDER_ID_OFFSET);
    }

    /** Price, 1e-9 units; undefined for clears. */
    public long price() {
        return i64(PRICE_OFFSET);
    }

    /** Order quantity (u32, widened). */
    public long size() {
        return u32(SIZE_OFFSET);
    }

    public int flags() {
        return u8(FLAGS_OFFSET);
    }

    public int channelId() {
        return u8(CHANNEL_ID_OFFSET);
    }

    /** Action byte: A add, C cancel, M modify, R clear, T trade, F fill, N none. */
    public byte action() {
        return buffer.getByte(offset + ACTION_OFFSET);
    }

    /** Side byte: A ask, B bid, N none. */
    public byte side() {
        return buffer.getByte(offset + SIDE_OFFSET);
    }

    /** Capture-server receive time, ns (u64 bits). */
    public long tsRecv() {
        return i64(TS_RECV_OFFSET);
    }

    public int tsInDelta() {
        return i32(TS_IN_DELTA_OFFSET);
    }

    /** Venue sequence number (u32, widened). */
    public long sequence() {
        return u32(SEQUENCE_OFFSET);
    }
}
