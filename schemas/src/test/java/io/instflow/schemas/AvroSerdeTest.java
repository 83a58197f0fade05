package io.instflow.schemas;

import io.instflow.avro.Signal;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeTest {

    static java.util.stream.Stream<Class<? extends SpecificRecord>> types() {
        return TopicSchemas.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T extends SpecificRecord> void shouldRoundTripEveryFieldOfEverySchema(Class<T> type)
            throws IOException {
        AvroSerde<T> serde = AvroSerde.of(type);
        Random random = new Random(type.getName().hashCode());
        for (int i = 0; i < 50; i++) {
            T record =
                    specific(
                            type,
                            serde.schema(),
                            (GenericData.Record) RandomRecords.value(serde.schema(), random));
            byte[] bytes = serde.serialize(record);
            assertThat(bytes[0]).isEqualTo((byte) 0xC3);
            assertThat(bytes[1]).isEqualTo((byte) 0x01);
            assertThat(Arrays.copyOfRange(bytes, 10, bytes.length))
                    .as("the body Avro's field-by-position writer gives")
                    .isEqualTo(genericBody(serde.schema(), record));
            assertThat(serde.deserialize(bytes)).isEqualTo(record);
        }
    }

    @Test
    void shouldDecodeFromManyThreadsAtOnceWithOneSerde() throws Exception {
        AvroSerde<Signal> serde = AvroSerde.of(Signal.class);
        Random random = new Random(7);
        List<Signal> records = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Signal record =
                    specific(
                            Signal.class,
                            serde.schema(),
                            (GenericData.Record) RandomRecords.value(serde.schema(), random));
            records.add(record);
            values.add(serde.serialize(record));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> mismatches = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                mismatches.add(
                        pool.submit(
                                () -> {
                                    int wrong = 0;
                                    for (int round = 0; round < 20; round++) {
                                        for (int i = 0; i < values.size(); i++) {
                                            wrong +=
                                                    serde.deserialize(values.get(i))
                                                                    .equals(records.get(i))
                                                            ? 0
                                                            : 1;
                                        }
                                    }
                                    return wrong;
                                }));
            }
            for (Future<Integer> f : mismatches) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldNameTheTypeWhenBytesAreNotAnAvroValue() {
        AvroSerde<Signal> serde = AvroSerde.of(Signal.class);
        assertThatThrownBy(() -> serde.deserialize(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageStartingWith("Signal:");
    }

    @Test
    void shouldNameTheTypeWhenAValueOfTheCurrentSchemaIsCutShortOrCorrupt() {
        AvroSerde<io.instflow.avro.Bar> bars = AvroSerde.of(io.instflow.avro.Bar.class);
        GenericData.Record bar =
                (GenericData.Record) RandomRecords.value(bars.schema(), new Random(2));
        byte[] bytes = bars.serialize(specific(io.instflow.avro.Bar.class, bars.schema(), bar));
        assertThatThrownBy(() -> bars.deserialize(Arrays.copyOf(bytes, 14)))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageStartingWith("Bar:");
        byte[] corrupt = bytes.clone();
        Arrays.fill(corrupt, 10, corrupt.length, (byte) 0xFF);
        assertThatThrownBy(() -> bars.deserialize(corrupt))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageStartingWith("Bar:");
    }

    @Test
    void shouldRejectAValueOfAnotherSchema() {
        AvroSerde<io.instflow.avro.Bar> bars = AvroSerde.of(io.instflow.avro.Bar.class);
        AvroSerde<Signal> signals = AvroSerde.of(Signal.class);
        GenericData.Record bar =
                (GenericData.Record) RandomRecords.value(bars.schema(), new Random(1));
        byte[] bytes = bars.serialize(specific(io.instflow.avro.Bar.class, bars.schema(), bar));
        assertThatThrownBy(() -> signals.deserialize(bytes))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageContaining("unknown schema");
    }

    @Test
    void shouldEveryFieldHaveADoc() {
        for (Class<? extends SpecificRecord> type : TopicSchemas.ALL) {
            Schema schema = SpecificData.get().getSchema(type);
            assertThat(schema.getDoc()).as("%s doc", schema.getName()).isNotBlank();
            for (Schema.Field field : schema.getFields()) {
                assertThat(field.doc())
                        .as("%s.%s doc", schema.getName(), field.name())
                        .isNotBlank();
            }
        }
    }

    @SuppressWarnings("unchecked")
    /** The binary body of {@code record} as Avro's field-by-position writer encodes it. */
    private static byte[] genericBody(Schema schema, Object record) throws IOException {
        SpecificData byPosition = new SpecificData();
        byPosition.setCustomCoders(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<Object>(schema, byPosition).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    static <T extends SpecificRecord> T specific(
            Class<T> type, Schema schema, GenericData.Record generic) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericData.Record>(schema).write(generic, encoder);
            encoder.flush();
            SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
            return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
