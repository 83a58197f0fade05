package io.instflow.contract.flink;

import io.instflow.avro.BookSide;
import io.instflow.avro.MboAction;
import io.instflow.avro.MboEvent;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.RandomData;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink's own serializer checks (round trips one by one and in a stream, copies, snapshots and
 * their restore, duplicates across threads) on MBO records with and without a price and ts_out,
 * every action and side, extreme values and two datasets and a name longer than 64 KiB.
 */
class MboEventSerializerTest extends SerializerTestBase<MboEvent> {

    /** Values Avro draws from the schema itself: a field the serializer does not carry fails. */
    @Test
    void shouldCarryEveryFieldOfTheSchema() throws IOException {
        MboEventSerializer serializer = new MboEventSerializer();
        DataOutputSerializer out = new DataOutputSerializer(128);
        int checked = 0;
        for (Object value :
                new RandomData(
                        SpecificData.getForClass(MboEvent.class),
                        MboEvent.getClassSchema(),
                        2_000,
                        5L)) {
            MboEvent event = (MboEvent) value;
            out.clear();
            serializer.serialize(event, out);
            DataInputDeserializer in =
                    new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
            assertThat(serializer.deserialize(in)).isEqualTo(event);
            assertThat(in.available()).isZero();
            checked++;
        }
        assertThat(checked).isEqualTo(2_000);
    }

    /** Mostly one feed's name, sometimes another, once a name longer than 64 KiB. */
    private static String dataset(int i) {
        if (i == 17) {
            return "X".repeat(70_000);
        }
        return i % 13 == 5 ? "XNAS.ITCH" : "GLBX.MDP3";
    }

    @Override
    protected TypeSerializer<MboEvent> createSerializer() {
        return new MboEventSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<MboEvent> getTypeClass() {
        return MboEvent.class;
    }

    @Override
    protected MboEvent[] getTestData() {
        SplittableRandom random = new SplittableRandom(7);
        MboEvent[] events = new MboEvent[40];
        for (int i = 0; i < events.length; i++) {
            boolean extreme = i % 10 == 9;
            events[i] =
                    MboEvent.newBuilder()
                            .setDataset(dataset(i))
                            .setPublisherId(extreme ? Integer.MIN_VALUE : random.nextInt(100))
                            .setInstrumentId(extreme ? Long.MAX_VALUE : random.nextLong(1L << 32))
                            .setTsEvent(random.nextLong())
                            .setTsRecv(random.nextLong())
                            .setTsInDelta(random.nextInt())
                            .setOrderId(extreme ? -1L : random.nextLong())
                            .setPrice(i % 4 == 0 ? null : random.nextLong())
                            .setSize(extreme ? Long.MIN_VALUE : random.nextLong(1000))
                            .setAction(MboAction.values()[i % MboAction.values().length])
                            .setSide(BookSide.values()[i % BookSide.values().length])
                            .setFlags(random.nextInt(256))
                            .setChannelId(random.nextInt(256))
                            .setSequence(random.nextLong(1L << 32))
                            .setTsOut(i % 3 == 0 ? random.nextLong() : null)
                            .build();
        }
        return events;
    }
}
