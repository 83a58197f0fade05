package io.instflow.dbn;

/** Sentinels and scales shared by all DBN records. */
public final class DbnConstants {

    /** Prices are fixed point: one unit is 1e-9. */
    public static final long FIXED_PRICE_SCALE = 1_000_000_000L;

    /** An undefined price (i64::MAX). */
    public static final long UNDEF_PRICE = Long.MAX_VALUE;

    /** An undefined timestamp (u64::MAX). */
    public static final long UNDEF_TIMESTAMP = -1L;

    /** An undefined order size (u32::MAX), widened. */
    public static final long UNDEF_ORDER_SIZE = 0xFFFF_FFFFL;

    /** An undefined statistic quantity in the current (v3) layout. */
    public static final long UNDEF_STAT_QUANTITY = Long.MAX_VALUE;

    /** An undefined statistic quantity in the v1 and v2 layouts (i32::MAX). */
    public static final int UNDEF_STAT_QUANTITY_V2 = Integer.MAX_VALUE;

    /** The highest DBN version this codec reads and the version it writes. */
    public static final int CURRENT_VERSION = 3;

    /** Length of the symbol strings in v2 and v3 metadata and records. */
    public static final int SYMBOL_CSTR_LEN = 71;

    /** Length of the symbol strings in v1 metadata and records. */
    public static final int SYMBOL_CSTR_LEN_V1 = 22;

    /** The largest record any known version writes, with the ts_out suffix. */
    public static final int MAX_RECORD_LENGTH = 255 * 4;

    private DbnConstants() {}

    /** Whether a price field holds a value. */
    public static boolean hasPrice(long price) {
        return price != UNDEF_PRICE;
    }

    /** Whether a timestamp field holds a value. */
    public static boolean hasTimestamp(long ts) {
        return ts != UNDEF_TIMESTAMP;
    }
}
