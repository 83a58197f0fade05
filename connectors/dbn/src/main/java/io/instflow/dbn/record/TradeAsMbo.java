package io.instflow.dbn.record;

import org.agrona.ExpandableArrayBuffer;

/**
 * A trades record (MBP-0) as the MBO record it stands for: the T record of the match, which MBO
 * also carries with the aggressor's side. The trades schema has no order id or channel (both 0);
 * every other field is copied. Lets trade-only data (a backfill from Databento's historical {@code
 * trades} schema, a fraction of MBO's cost) go through the MBO path. Not thread-safe: the record
 * returned is overwritten by the next call.
 */
public final class TradeAsMbo {

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(MboDecoder.LENGTH);
    private final MboEncoder encoder = new MboEncoder();
    private final MboDecoder decoder = new MboDecoder();

    public MboDecoder of(TradeDecoder t) {
        encoder.wrap(buffer, 0)
                .publisherId(t.publisherId())
                .instrumentId(t.instrumentId())
                .tsEvent(t.tsEvent())
                .price(t.price())
                .size(t.size())
                .flags(t.flags())
                .action((byte) 'T')
                .side(t.side())
                .tsRecv(t.tsRecv())
                .tsInDelta(t.tsInDelta())
                .sequence(t.sequence());
        return decoder.wrap(buffer, 0);
    }
}
