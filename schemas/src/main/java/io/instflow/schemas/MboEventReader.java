package io.instflow.schemas;

import io.instflow.avro.BookSide;
import io.instflow.avro.MboAction;
import io.instflow.avro.MboEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the body of an {@link MboEvent} written with the current schema, field by field in schema
 * order, with the same checks as Avro's resolving reader (int ranges, union branches, enum
 * ordinals). MBO records are the only high-volume values, and Avro's generic reader boxes every
 * field and dispatches per field; this reader allocates the record, a boxed price and nothing else:
 * the dataset name, the same in every record of a feed, is kept rather than decoded again. {@code
 * MboEventReaderTest} compares it with Avro's reader on values drawn from the schema, so a schema
 * change this reader does not follow fails there. Thread-safe.
 */
final class MboEventReader {

    private static final MboAction[] ACTIONS = MboAction.values();
    private static final BookSide[] SIDES = BookSide.values();

    private volatile KnownString dataset = new KnownString(new byte[0], "");

    /** The last dataset name read, with its UTF-8 bytes to compare the next one with. */
    private record KnownString(byte[] utf8, String value) {}

    MboEvent read(ArrayDecoder in) throws IOException {
        MboEvent e = new MboEvent();
        e.setDataset(dataset(in));
        e.setPublisherId(in.readInt());
        e.setInstrumentId(in.readLong());
        e.setTsEvent(in.readLong());
        e.setTsRecv(in.readLong());
        e.setTsInDelta(in.readInt());
        e.setOrderId(in.readLong());
        e.setPrice(nullableLong(in, "price"));
        e.setSize(in.readLong());
        e.setAction(ACTIONS[ordinal(in, ACTIONS.length, "action")]);
        e.setSide(SIDES[ordinal(in, SIDES.length, "side")]);
        e.setFlags(in.readInt());
        e.setChannelId(in.readInt());
        e.setSequence(in.readLong());
        e.setTsOut(nullableLong(in, "ts_out"));
        return e;
    }

    private String dataset(ArrayDecoder in) throws IOException {
        KnownString known = dataset;
        if (in.skipStringIfEqual(known.utf8())) {
            return known.value();
        }
        String value = in.readString();
        dataset = new KnownString(value.getBytes(StandardCharsets.UTF_8), value);
        return value;
    }

    /** A {@code ["null", "long"]} union. */
    private static Long nullableLong(ArrayDecoder in, String field) throws IOException {
        return switch (in.readIndex()) {
            case 0 -> null;
            case 1 -> in.readLong();
            default -> throw new IOException("union branch out of range for " + field);
        };
    }

    private static int ordinal(ArrayDecoder in, int symbols, String field) throws IOException {
        int ordinal = in.readEnum();
        if (ordinal >= symbols) {
            throw new IOException(field + " symbol " + ordinal + " out of range");
        }
        return ordinal;
    }
}
