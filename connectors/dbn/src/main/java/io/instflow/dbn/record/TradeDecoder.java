package io.instflow.dbn.record;

import org.agrona.DirectBuffer;

/** Flyweight over a trades record (MBP-0, rtype 0x00, 48 bytes). */
public final class TradeDecoder extends TradeFieldsDecoder {

    public static final int LENGTH = 48;
    public static final int LEVELS = 0;

    public TradeDecoder wrap(DirectBuffer buffer, int offset) {
        wrapAt(buffer, offset);
        return this;
    }

    @Override
    public int levelCount() {
        return LEVELS;
    }
}
