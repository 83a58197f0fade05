package io.instflow.dbn.record;

/**
 * The 48-byte prefix shared by trades (MBP-0), MBP-1/TBBO and MBP-10 records, and the book levels
 * that follow it.
 */
public abstract class TradeFieldsDecoder extends RecordDecoder {

    public static final int PRICE_OFFSET = 16;
    public static final int SIZE_OFFSET = 24;
    public static final int ACTION_OFFSET = 28;
    public static final int SIDE_OFFSET = 29;
    public static final int FLAGS_OFFSET = 30;
    public static final int DEPTH_OFFSET = 31;
    public static final int TS_RECV_OFFSET = 32;
    public static final int TS_IN_DELTA_OFFSET = 40;
    public static final int SEQUENCE_OFFSET = 44;
    public static final int LEVELS_OFFSET = 48;
    public static final int LEVEL_LENGTH = 32;

    public long price() {
        return i64(PRICE_OFFSET);
    }

    public long size() {
        return u32(SIZE_OFFSET);
    }

    public byte action() {
        return buffer.getByte(offset + ACTION_OFFSET);
    }

    /** For trades: the aggressor side (A sell, B buy, N unknown). */
    public byte side() {
        return buffer.getByte(offset + SIDE_OFFSET);
    }

    public int flags() {
        return u8(FLAGS_OFFSET);
    }

    public int depth() {
        return u8(DEPTH_OFFSET);
    }

    public long tsRecv() {
        return i64(TS_RECV_OFFSET);
    }

    public int tsInDelta() {
        return i32(TS_IN_DELTA_OFFSET);
    }

    public long sequence() {
        return u32(SEQUENCE_OFFSET);
    }

    /** Number of book levels after the prefix. */
    public abstract int levelCount();

    public long bidPx(int level) {
        return i64(LEVELS_OFFSET + level * LEVEL_LENGTH);
    }

    public long askPx(int level) {
        return i64(LEVELS_OFFSET + level * LEVEL_LENGTH + 8);
    }

    public long bidSz(int level) {
        return u32(LEVELS_OFFSET + level * LEVEL_LENGTH + 16);
    }

    public long askSz(int level) {
        return u32(LEVELS_OFFSET + level * LEVEL_LENGTH + 20);
    }

    public long bidCt(int level) {
        return u32(LEVELS_OFFSET + level * LEVEL_LENGTH + 24);
    }

    public long askCt(int level) {
        return u32(LEVELS_OFFSET + level * LEVEL_LENGTH + 28);
    }
}
