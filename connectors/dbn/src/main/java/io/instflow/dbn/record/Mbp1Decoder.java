package io.instflow.dbn.record;

import org.agrona.DirectBuffer;

/** Flyweight over a MBP-1 or TBBO record (rtype 0x01, 80 bytes). */
public final class Mbp1Decoder extends TradeFieldsDecoder {

    public static final int LENGTH = 80;
    public static final int LEVELS = 1;

    public Mbp1Decoder wrap(DirectBuffer buffer, int offset) {
        wrapAt(buffer, offset);
        return this;
    }

    @Override
    public int levelCount() {
        return LEVELS;
    }
}
