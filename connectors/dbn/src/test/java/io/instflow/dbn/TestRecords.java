package io.instflow.dbn;

import io.instflow.dbn.record.MboDecoder;
import io.instflow.dbn.record.MboEncoder;

import org.agrona.ExpandableArrayBuffer;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Builds small synthetic DBN streams for framing tests. */
final class TestRecords {

    static final long T0 = 1_700_000_000_000_000_000L;

    private TestRecords() {}

    static Metadata mboMetadata(boolean tsOut) {
        return new Metadata(
                3,
                "GLBX.MDP3",
                Schema.MBO.id(),
                T0,
                DbnConstants.UNDEF_TIMESTAMP,
                0,
                SType.RAW_SYMBOL.id(),
                SType.INSTRUMENT_ID.id(),
                tsOut,
                List.of("NQZ4"),
                List.of(),
                List.of(),
                List.of(
                        new Metadata.SymbolMapping(
                                "NQZ4",
                                List.of(new Metadata.MappingInterval(20231114, 20231115, "42")))));
    }

    /** {@code count} MBO records, each {@code 56 + (tsOut ? 8 : 0)} bytes. */
    static byte[] mboRecords(int count, boolean tsOut) {
        int length = MboDecoder.LENGTH + (tsOut ? 8 : 0);
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(count * length);
        MboEncoder encoder = new MboEncoder();
        for (int i = 0; i < count; i++) {
            int offset = i * length;
            encoder.wrap(buffer, offset)
                    .publisherId(1)
                    .instrumentId(42)
                    .tsEvent(T0 + i)
                    .orderId(1000 + i)
                    .price(21_000_000_000_000L + i * 250_000_000L)
                    .size(1 + i % 7)
                    .flags(Flags.LAST)
                    .channelId(3)
                    .action((byte) "ACMTF".charAt(i % 5))
                    .side((byte) (i % 2 == 0 ? 'B' : 'A'))
                    .tsRecv(T0 + i + 500)
                    .tsInDelta(1234)
                    .sequence(i);
            if (tsOut) {
                buffer.putByte(offset, (byte) (length / 4));
                buffer.putLong(
                        offset + MboDecoder.LENGTH, T0 + i + 900, java.nio.ByteOrder.LITTLE_ENDIAN);
            }
        }
        byte[] out = new byte[count * length];
        buffer.getBytes(0, out);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
