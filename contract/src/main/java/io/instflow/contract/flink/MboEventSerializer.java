package io.instflow.contract.flink;

import io.instflow.avro.BookSide;
import io.instflow.avro.MboAction;
import io.instflow.avro.MboEvent;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Moves {@link MboEvent}s between Flink tasks as fixed-width fields: every MBO record crosses the
 * network once, to the task that keeps its instrument's book, and Avro's generic writer and reader
 * cost more there than the book itself. The dataset name, the same in every record of a feed, is
 * encoded and decoded once and kept; its length is an int, since a value from Kafka may carry a
 * name of any length. Not thread-safe: {@link #duplicate} gives each task its own.
 */
public final class MboEventSerializer extends TypeSerializer<MboEvent> {

    private static final long serialVersionUID = 1L;

    private static final MboAction[] ACTIONS = MboAction.values();
    private static final BookSide[] SIDES = BookSide.values();

    private transient byte[] buffer;
    private transient byte[] knownUtf8;
    private transient String knownDataset;

    @Override
    public void serialize(MboEvent e, DataOutputView out) throws IOException {
        byte[] dataset = datasetUtf8(e.getDataset());
        out.writeInt(dataset.length);
        out.write(dataset);
        out.writeInt(e.getPublisherId());
        out.writeLong(e.getInstrumentId());
        out.writeLong(e.getTsEvent());
        out.writeLong(e.getTsRecv());
        out.writeInt(e.getTsInDelta());
        out.writeLong(e.getOrderId());
        writeNullable(e.getPrice(), out);
        out.writeLong(e.getSize());
        out.writeByte(e.getAction().ordinal());
        out.writeByte(e.getSide().ordinal());
        out.writeInt(e.getFlags());
        out.writeInt(e.getChannelId());
        out.writeLong(e.getSequence());
        writeNullable(e.getTsOut(), out);
    }

    @Override
    public MboEvent deserialize(DataInputView in) throws IOException {
        MboEvent e = new MboEvent();
        e.setDataset(readDataset(in));
        e.setPublisherId(in.readInt());
        e.setInstrumentId(in.readLong());
        e.setTsEvent(in.readLong());
        e.setTsRecv(in.readLong());
        e.setTsInDelta(in.readInt());
        e.setOrderId(in.readLong());
        e.setPrice(readNullable(in));
        e.setSize(in.readLong());
        e.setAction(ACTIONS[in.readByte()]);
        e.setSide(SIDES[in.readByte()]);
        e.setFlags(in.readInt());
        e.setChannelId(in.readInt());
        e.setSequence(in.readLong());
        e.setTsOut(readNullable(in));
        return e;
    }

    private String readDataset(DataInputView in) throws IOException {
        int length = in.readInt();
        if (buffer == null || buffer.length < length) {
            buffer = new byte[Math.max(32, length)];
        }
        in.readFully(buffer, 0, length);
        if (knownUtf8 == null
                || !Arrays.equals(buffer, 0, length, knownUtf8, 0, knownUtf8.length)) {
            knownUtf8 = Arrays.copyOf(buffer, length);
            knownDataset = new String(knownUtf8, StandardCharsets.UTF_8);
        }
        return knownDataset;
    }

    /** A value's dataset as UTF-8; encoded once while the dataset stays the same. */
    private byte[] datasetUtf8(String dataset) {
        if (!dataset.equals(knownDataset)) {
            knownUtf8 = dataset.getBytes(StandardCharsets.UTF_8);
            knownDataset = dataset;
        }
        return knownUtf8;
    }

    private static void writeNullable(Long value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readNullable(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    @Override
    public MboEvent deserialize(MboEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public MboEvent copy(MboEvent from) {
        return MboEvent.newBuilder(from).build();
    }

    @Override
    public MboEvent copy(MboEvent from, MboEvent reuse) {
        return copy(from);
    }

    @Override
    public MboEvent createInstance() {
        return new MboEvent();
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<MboEvent> duplicate() {
        return new MboEventSerializer();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MboEventSerializer;
    }

    @Override
    public int hashCode() {
        return MboEventSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<MboEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The layout has no parameters: a restored serializer is a new one. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MboEvent> {
        public Snapshot() {
            super(MboEventSerializer::new);
        }
    }
}
