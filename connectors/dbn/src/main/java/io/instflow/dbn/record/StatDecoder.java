package io.instflow.dbn.record;

import io.instflow.dbn.DbnConstants;

import org.agrona.DirectBuffer;

/**
 * Flyweight over a statistics record (rtype 0x18): 80 bytes with an i64 quantity in v3, 64 bytes
 * with an i32 quantity in v1/v2. The layout is chosen from the record length, so fragments without
 * metadata decode too; {@link #quantity()} reads v1/v2 values as v3 does.
 */
public final class StatDecoder extends RecordDecoder {

    public static final int LENGTH = 80;
    public static final int LENGTH_V2 = 64;

    private boolean v3;

    public StatDecoder wrap(DirectBuffer buffer, int offset) {
        wrapAt(buffer, offset);
        v3 = recordLength() >= LENGTH;
        return this;
    }

    /** 3 for the 80-byte layout, 2 for the 64-byte layout shared by v1 and v2. */
    public int layoutVersion() {
        return v3 ? 3 : 2;
    }

    public long tsRecv() {
        return i64(16);
    }

    /**
     * Reference time of the value, e.g. the trading date of a settlement; undefined when unused.
     */
    public long tsRef() {
        return i64(24);
    }

    public long price() {
        return i64(32);
    }

    /** Quantity with v3 semantics: the v1/v2 sentinel i32::MAX reads as i64::MAX. */
    public long quantity() {
        if (v3) {
            return i64(40);
        }
        int q = i32(40);
        return q == DbnConstants.UNDEF_STAT_QUANTITY_V2 ? DbnConstants.UNDEF_STAT_QUANTITY : q;
    }

    /** The quantity exactly as stored (i32 in the v1/v2 layout). */
    public long quantityAsStored() {
        return v3 ? i64(40) : i32(40);
    }

    public long sequence() {
        return u32(v3 ? 48 : 44);
    }

    public int tsInDelta() {
        return i32(v3 ? 52 : 48);
    }

    public int statType() {
        return u16(v3 ? 56 : 52);
    }

    public int channelId() {
        return u16(v3 ? 58 : 54);
    }

    /** 1 new, 2 delete. */
    public int updateAction() {
        return u8(v3 ? 60 : 56);
    }

    public int statFlags() {
        return u8(v3 ? 61 : 57);
    }
}
