package io.instflow.dbn;

/** Bits of the {@code flags} field of market records. */
public final class Flags {

    /** Last record of an exchange event for this instrument: book state is observable. */
    public static final int LAST = 0x80;

    /** Top-of-book record, not an individual order. */
    public static final int TOB = 0x40;

    /** Part of a snapshot or replay. */
    public static final int SNAPSHOT = 0x20;

    /** Aggregated price level, not an individual order. */
    public static final int MBP = 0x10;

    /** ts_recv is inaccurate. */
    public static final int BAD_TS_RECV = 0x08;

    /** An unrecoverable gap was detected on the channel: the book may be wrong. */
    public static final int MAYBE_BAD_BOOK = 0x04;

    /** Venue-specific meaning. */
    public static final int PUBLISHER_SPECIFIC = 0x02;

    private static final int[] BITS = {
        LAST, TOB, SNAPSHOT, MBP, BAD_TS_RECV, MAYBE_BAD_BOOK, PUBLISHER_SPECIFIC
    };
    private static final String[] NAMES = {
        "LAST", "TOB", "SNAPSHOT", "MBP", "BAD_TS_RECV", "MAYBE_BAD_BOOK", "PUBLISHER_SPECIFIC"
    };

    private Flags() {}

    /** Whether {@code flags} has every bit of {@code bit} set. */
    public static boolean isSet(int flags, int bit) {
        return (flags & bit) == bit;
    }

    /** The named bits, highest first, for summaries. */
    public static int[] bits() {
        return BITS.clone();
    }

    /** The name of one bit returned by {@link #bits()}. */
    public static String name(int bit) {
        for (int i = 0; i < BITS.length; i++) {
            if (BITS[i] == bit) {
                return NAMES[i];
            }
        }
        return "0x" + Integer.toHexString(bit);
    }
}
