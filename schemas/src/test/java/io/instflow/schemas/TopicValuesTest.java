package io.instflow.schemas;

import io.instflow.avro.MboEvent;

import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Tools that dump topics decode any value or say why they cannot, and never stop on one. */
class TopicValuesTest {

    @Test
    void shouldDecodeAValueOfAnyTopicSchemaOrSayWhyNot() {
        AvroSerde<MboEvent> serde = AvroSerde.of(MboEvent.class);
        GenericData.Record generic =
                (GenericData.Record) RandomRecords.value(serde.schema(), new Random(3));
        byte[] bytes =
                serde.serialize(AvroSerdeTest.specific(MboEvent.class, serde.schema(), generic));
        assertThat(TopicValues.decodeOrExplain(bytes).value()).isInstanceOf(MboEvent.class);
        assertThat(TopicValues.decodeOrExplain(null).reason()).contains("tombstone");
        assertThat(TopicValues.decodeOrExplain(new byte[] {1, 2, 3}).reason())
                .contains("no C3 01 marker");
        byte[] foreign = bytes.clone();
        foreign[5] ^= 0x55;
        assertThat(TopicValues.decodeOrExplain(foreign).reason()).contains("does not have");
        assertThat(TopicValues.decodeOrExplain(Arrays.copyOf(bytes, 14)).reason())
                .startsWith("MboEvent:");
        assertThat(TopicValues.decode(Arrays.copyOf(bytes, 14))).isNull();
    }
}
