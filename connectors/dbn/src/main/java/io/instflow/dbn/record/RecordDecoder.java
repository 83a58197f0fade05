package io.instflow.dbn.record;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Base of the flyweight record decoders: a view of one record in a buffer, reading fields in place.
 * Decoders are mutable, reused and not thread-safe; a view is valid until its buffer is
 * overwritten.
 */
public abstract class RecordDecoder {

    /** Size of the common record header. */
    public static final int HEADER_LENGTH = 16;

    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final int LENGTH_OFFSET = 0;
    static final int RTYPE_OFFSET = 1;
    static final int PUBLISHER_ID_OFFSET = 2;
    static final int INSTRUMENT_ID_OFFSET = 4;
    static final int TS_EVENT_OFFSET = 8;

    protected DirectBuffer buffer;
    protected int offset;

    final void wrapAt(DirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
    }

    public final DirectBuffer buffer() {
        return buffer;
    }

    public final int offset() {
        return offset;
    }

    /** Record size in bytes, ts_out suffix included. */
    public final int recordLength() {
        return (buffer.getByte(offset + LENGTH_OFFSET) & 0xFF) * 4;
    }

    public final int rtype() {
        return buffer.getByte(offset + RTYPE_OFFSET) & 0xFF;
    }

    public final int publisherId() {
        return buffer.getShort(offset + PUBLISHER_ID_OFFSET, LE) & 0xFFFF;
    }

    /** The instrument id (u32, widened). */
    public final long instrumentId() {
        return Integer.toUnsignedLong(buffer.getInt(offset + INSTRUMENT_ID_OFFSET, LE));
    }

    /** Matching-engine timestamp, ns since the UNIX epoch (u64 bits). */
    public final long tsEvent() {
        return buffer.getLong(offset + TS_EVENT_OFFSET, LE);
    }

    /** The gateway send time of a record from a {@code ts_out} stream (its last 8 bytes). */
    public final long tsOut() {
        return buffer.getLong(offset + recordLength() - 8, LE);
    }

    final long u32(int fieldOffset) {
        return Integer.toUnsignedLong(buffer.getInt(offset + fieldOffset, LE));
    }

    final int u16(int fieldOffset) {
        return buffer.getShort(offset + fieldOffset, LE) & 0xFFFF;
    }

    final int u8(int fieldOffset) {
        return buffer.getByte(offset + fieldOffset) & 0xFF;
    }

    final long i64(int fieldOffset) {
        return buffer.getLong(offset + fieldOffset, LE);
    }

    final int i32(int fieldOffset) {
        return buffer.getInt(offset + fieldOffset, LE);
    }

    final String text(int fieldOffset, int width) {
        return io.instflow.dbn.CText.read(buffer, offset + fieldOffset, width);
    }
}
