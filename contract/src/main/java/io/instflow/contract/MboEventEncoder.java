package io.instflow.contract;

import io.instflow.avro.MboEvent;
import io.instflow.dbn.record.MboDecoder;

import org.apache.avro.SchemaNormalization;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes an MBO record straight from its DBN flyweight as the single-object-encoded Avro {@link
 * MboEvent}: the 10-byte header with the schema fingerprint, then the fields in schema order as
 * Avro binary (zigzag varints, union branch indexes, enum ordinals; codes mapped by {@link
 * MboFields}). It produces exactly the bytes of Avro's own encoder (a test proves it), without
 * building a record object, which is what lets file replay reach the broker's rate. Not
 * thread-safe.
 */
public final class MboEventEncoder {

    private static final byte[] HEADER = header();

    private final byte[] dataset;
    private final byte[] buffer = new byte[256];
    private int position;

    public MboEventEncoder(String dataset) {
        this.dataset = dataset.getBytes(StandardCharsets.UTF_8);
        if (this.dataset.length > 64) {
            throw new IllegalArgumentException("dataset name too long: " + dataset);
        }
    }

    /** The encoded value of {@code r}, a new array. */
    public byte[] encode(MboDecoder r, boolean tsOut) {
        System.arraycopy(HEADER, 0, buffer, 0, HEADER.length);
        position = HEADER.length;
        writeLong(dataset.length);
        System.arraycopy(dataset, 0, buffer, position, dataset.length);
        position += dataset.length;
        writeLong(r.publisherId());
        writeLong(r.instrumentId());
        writeLong(r.tsEvent());
        writeLong(r.tsRecv());
        writeLong(r.tsInDelta());
        writeLong(r.orderId());
        long price = r.price();
        if (price == MboFields.UNDEF_PRICE) {
            writeLong(0);
        } else {
            writeLong(1);
            writeLong(price);
        }
        writeLong(r.size());
        writeLong(MboFields.action(r.action()).ordinal());
        writeLong(MboFields.side(r.side()).ordinal());
        writeLong(r.flags());
        writeLong(r.channelId());
        writeLong(r.sequence());
        if (tsOut) {
            writeLong(1);
            writeLong(r.tsOut());
        } else {
            writeLong(0);
        }
        return Arrays.copyOf(buffer, position);
    }

    /** Avro's zigzag varint, for int and long fields alike. */
    private void writeLong(long value) {
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            buffer[position++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        buffer[position++] = (byte) n;
    }

    private static byte[] header() {
        long fingerprint = SchemaNormalization.parsingFingerprint64(MboEvent.getClassSchema());
        byte[] header = new byte[10];
        header[0] = (byte) 0xC3;
        header[1] = 0x01;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return header;
    }
}
