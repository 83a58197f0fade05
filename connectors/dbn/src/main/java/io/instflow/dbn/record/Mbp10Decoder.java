package io.instflow.dbn.record;

import org.agrona.DirectBuffer;

/** Flyweight over a MBP-10 record (rtype 0x0A, 368 bytes). */
public final class Mbp10Decoder extends TradeFieldsDecoder {

    public static final int LENGTH = 368;
    public static final int LEVELS = 10;

    public Mbp10Decoder wrap(DirectBuffer buffer, int offset) {
        wrapAt(buffer, offset);
        return this;
    }

    @Override
    public int levelCount() {
        return LEVELS;
    }
}
