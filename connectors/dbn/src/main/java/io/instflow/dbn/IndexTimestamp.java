package io.instflow.dbn;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The time a record is ordered by, as Databento sorts its streams: ts_recv for records that have
 * it, ts_event for the others (OHLCV, symbol mapping, system, error).
 */
public final class IndexTimestamp {

    private IndexTimestamp() {}

    /** Index timestamp (ns, u64 bits) of the record at {@code offset}. */
    public static long of(DirectBuffer buffer, int offset) {
        int rtype = buffer.getByte(offset + 1) & 0xFF;
        int at;
        switch (rtype) {
            case RType.MBO:
                at = 40;
                break;
            case RType.MBP_0:
            case RType.MBP_1:
            case RType.MBP_10:
            case RType.BBO_1S:
            case RType.BBO_1M:
            case RType.CMBP_1:
            case RType.CBBO_1S:
            case RType.CBBO_1M:
            case RType.TCBBO:
                at = 32;
                break;
            case RType.STATUS:
            case RType.INSTRUMENT_DEF:
            case RType.IMBALANCE:
            case RType.STATISTICS:
                at = 16;
                break;
            default:
                at = 8;
        }
        return buffer.getLong(offset + at, ByteOrder.LITTLE_ENDIAN);
    }
}
