package io.instflow.book;

/** Aggressor side of a trade, as int constants for the per-record path. */
public final class Aggressor {

    /** The aggressor side could not be determined. */
    public static final int UNKNOWN = 0;

    /** A buyer lifted the offer. */
    public static final int BUY = 1;

    /** A seller hit the bid. */
    public static final int SELL = 2;

    private Aggressor() {}

    public static String name(int aggressor) {
        switch (aggressor) {
            case BUY:
                return "BUY";
            case SELL:
                return "SELL";
            default:
                return "UNKNOWN";
        }
    }
}
