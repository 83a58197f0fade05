package io.instflow.dbn.record;

import org.agrona.DirectBuffer;

/** Flyweight over an OHLCV bar (rtypes 0x11, 0x20 to 0x24; 56 bytes). ts_event is the bar open. */
public final class OhlcvDecoder extends RecordDecoder {

    public static final int LENGTH = 56;

    public OhlcvDecoder wrap(DirectBuffer buffer, int offset) {
        wrapAt(buffer, offset);
        return this;
    }

    public long open() {
        return i64(16);
    }

    public long high() {
        return i64(24);
    }

    public long low() {
        return i64(32);
    }

    public long close() {
        return i64(40);
    }

    /** Volume (u64 bits). */
    public long volume() {
        return i64(48);
    }
}
