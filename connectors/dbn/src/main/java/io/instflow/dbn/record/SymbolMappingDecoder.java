package io.instflow.dbn.record;

import io.instflow.dbn.SType;

import org.agrona.DirectBuffer;

/**
 * Flyweight over a live symbol mapping record (rtype 0x16): 176 bytes in v2/v3, 80 in v1. The
 * header's instrument id maps to {@link #stypeOutSymbol()}. v1 records read with the stype bytes
 * unset (255), as the official upgrade does.
 */
public final class SymbolMappingDecoder extends RecordDecoder {

    public static final int LENGTH = 176;
    public static final int LENGTH_V1 = 80;

    private boolean v1;

    public SymbolMappingDecoder wrap(DirectBuffer buffer, int offset) {
        wrapAt(buffer, offset);
        v1 = recordLength() < LENGTH;
        return this;
    }

    public int layoutVersion() {
        return v1 ? 1 : 2;
    }

    public int stypeIn() {
        return v1 ? SType.NONE_ID : u8(16);
    }

    public String stypeInSymbol() {
        return v1 ? text(16, 22) : text(17, 71);
    }

    public int stypeOut() {
        return v1 ? SType.NONE_ID : u8(88);
    }

    public String stypeOutSymbol() {
        return v1 ? text(38, 22) : text(89, 71);
    }

    public long startTs() {
        return i64(v1 ? 64 : 160);
    }

    public long endTs() {
        return i64(v1 ? 72 : 168);
    }
}
