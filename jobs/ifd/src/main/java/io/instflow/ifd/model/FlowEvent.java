package io.instflow.ifd.model;

/**
 * What an instrument's book tells the windows (a Flink POJO): a classified trade, a top-of-book
 * state with how long it was displayed, or a large order cancelled unfilled (spoof candidate).
 */
public class FlowEvent {

    public static final int TRADE = 0;
    public static final int QUOTE = 1;
    public static final int SPOOF = 2;

    public int kind;
    public long instrumentId;

    /** Matching-engine time, ns since the epoch. */
    public long tsEvent;

    /** {@link io.instflow.book.Aggressor} of a trade. */
    public int aggressor;

    /**
     * The trade was printed with side N (a spread's leg, for one) and its aggressor was inferred
     * from the quotes.
     */
    public boolean sideInferred;

    public long size;

    /** Trade price, 1e-9 units. */
    public long price;

    public long bidSize;
    public long askSize;

    /** How long the quote was displayed, ns. */
    public long durationNs;

    /** Side of a spoof order. */
    public boolean bid;

    public ContractInfo contract;

    /**
     * From the Barchart backup: volume between snapshots with an estimated side, not a classified
     * trade.
     */
    public boolean degraded;

    /** Data delay of a degraded event, ms. */
    public long delayMs;

    public FlowEvent() {}
}
