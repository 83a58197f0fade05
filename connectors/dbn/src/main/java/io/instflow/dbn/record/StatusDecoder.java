package io.instflow.dbn.record;

import org.agrona.DirectBuffer;

/** Flyweight over a trading status record (rtype 0x12, 40 bytes). */
public final class StatusDecoder extends RecordDecoder {

    public static final int LENGTH = 40;

    public StatusDecoder wrap(DirectBuffer buffer, int offset) {
        wrapAt(buffer, offset);
        return this;
    }

    public long tsRecv() {
        return i64(16);
    }

    public int action() {
        return u16(24);
    }

    public int reason() {
        return u16(26);
    }

    public int tradingEvent() {
        return u16(28);
    }

    /** Y, N or ~ (not available). */
    public byte isTrading() {
        return buffer.getByte(offset + 30);
    }

    public byte isQuoting() {
        return buffer.getByte(offset + 31);
    }

    public byte isShortSellRestricted() {
        return buffer.getByte(offset + 32);
    }
}
