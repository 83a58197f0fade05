package io.instflow.schemas;

import io.instflow.avro.MboAction;
import io.instflow.avro.MboEvent;

import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The serde's own MBO reader against Avro's resolving reader on the same bytes: the same value
 * wherever Avro reads one, and the serde's declared error wherever Avro refuses.
 */
class MboEventReaderTest {

    private final AvroSerde<MboEvent> serde = AvroSerde.of(MboEvent.class);
    private final SpecificDatumReader<MboEvent> avro =
            new SpecificDatumReader<>(MboEvent.getClassSchema(), MboEvent.getClassSchema());

    @Test
    void shouldReadWhatAvroReadsAndRefuseWhatAvroRefuses() {
        Random values = new Random(27);
        SplittableRandom changes = new SplittableRandom(11);
        int agreedValues = 0;
        int agreedRefusals = 0;
        for (int i = 0; i < 3_000; i++) {
            byte[] original = serde.serialize(randomEvent(values));
            assertSameOutcome(original);
            agreedValues++;
            for (int cut = 10; cut < original.length; cut++) {
                assertThat(assertSameOutcome(Arrays.copyOf(original, cut))).isFalse();
                agreedRefusals++;
            }
            for (int j = 0; j < 20; j++) {
                byte[] changed = original.clone();
                changed[10 + changes.nextInt(changed.length - 10)] = (byte) changes.nextInt(256);
                if (assertSameOutcome(changed)) {
                    agreedValues++;
                } else {
                    agreedRefusals++;
                }
            }
        }
        assertThat(agreedValues).isGreaterThan(3_000);
        assertThat(agreedRefusals).isGreaterThan(100_000);
    }

    @Test
    void shouldReadEachRecordsOwnDatasetWhenItChanges() {
        MboEvent first = randomEvent(new Random(1));
        MboEvent second = MboEvent.newBuilder(first).setDataset("XNAS.ITCH").build();
        assertThat(serde.deserialize(serde.serialize(first)).getDataset())
                .isEqualTo(first.getDataset());
        assertThat(serde.deserialize(serde.serialize(second)).getDataset()).isEqualTo("XNAS.ITCH");
        assertThat(serde.deserialize(serde.serialize(first)).getDataset())
                .isEqualTo(first.getDataset());
    }

    @Test
    void shouldNameTheFieldWhoseEnumSymbolIsOutOfRange() {
        MboEvent event = randomEvent(new Random(3));
        event.setAction(MboAction.ADD);
        byte[] add = serde.serialize(event);
        event.setAction(MboAction.CANCEL);
        int actionAt = Arrays.mismatch(add, serde.serialize(event));
        add[actionAt] = (byte) (2 * MboAction.values().length);
        assertThatThrownBy(() -> serde.deserialize(add))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageContaining("action symbol 8 out of range");
    }

    /** True when both read a value (the same one); false when both refuse. */
    private boolean assertSameOutcome(byte[] bytes) {
        MboEvent expected = avroRead(bytes);
        if (expected == null) {
            assertThatThrownBy(() -> serde.deserialize(bytes))
                    .as(Arrays.toString(bytes))
                    .isInstanceOf(AvroDecodeException.class);
            return false;
        }
        assertThat(serde.deserialize(bytes)).as(Arrays.toString(bytes)).isEqualTo(expected);
        return true;
    }

    /** Avro's reading of the body, or null when Avro refuses it or bytes are left over. */
    private MboEvent avroRead(byte[] bytes) {
        ArrayDecoder in = new ArrayDecoder().wrap(bytes, 10, bytes.length - 10);
        try {
            MboEvent value = avro.read(null, in);
            return in.remaining() == 0 ? value : null;
        } catch (Exception refused) {
            return null;
        }
    }

    private static MboEvent randomEvent(Random random) {
        GenericData.Record generic =
                (GenericData.Record) RandomRecords.value(MboEvent.getClassSchema(), random);
        return AvroSerdeTest.specific(MboEvent.class, MboEvent.getClassSchema(), generic);
    }
}
