package io.instflow.dbn.record;

import org.agrona.DirectBuffer;

/**
 * Flyweight over a subsampled BBO record (bbo-1s 0xC3, bbo-1m 0xC4; 80 bytes): the last trade and
 * the top of book at the interval. Action, depth and ts_in_delta bytes are reserved here.
 */
public final class BboDecoder extends TradeFieldsDecoder {

    public static final int LENGTH = 80;

    public BboDecoder wrap(DirectBuffer buffer, int offset) {
        wrapAt(buffer, offset);
        return this;
    }

    @Override
    public int levelCount() {
        return 1;
    }
}
