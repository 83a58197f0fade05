package io.instflow.schemas;

import io.instflow.avro.InstrumentDefinition;
import io.instflow.avro.MboEvent;

import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mutated values of every topic schema through the serde: whatever the bytes, decoding returns a
 * value or throws {@link AvroDecodeException}, and allocates no more than in proportion to the
 * bytes it was given.
 */
class AvroSerdeFuzzTest {

    private static final int MUTATIONS_PER_VALUE = 500;
    private static final int VALUES_PER_TYPE = 20;

    /** Allocation allowed per decode: the decoded objects of a value grow with its size. */
    private static final long ALLOWED_BYTES_PER_INPUT_BYTE = 64;

    private static final long ALLOWED_BYTES_BASE = 64 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void shouldThrowOnlyItsDeclaredErrorAndAllocateBoundedMemoryOnMutatedValuesOfEverySchema() {
        SplittableRandom random = new SplittableRandom(20261126);
        long mutated = 0;
        long decoded = 0;
        long maxExcess = Long.MIN_VALUE;
        String worst = "";
        for (Class<? extends SpecificRecord> type : TopicSchemas.ALL) {
            AvroSerde<? extends SpecificRecord> serde = AvroSerde.of(type);
            List<byte[]> originals = originals(type, serde);
            warmUp(serde, originals, random);
            for (byte[] original : originals) {
                for (int i = 0; i < MUTATIONS_PER_VALUE; i++) {
                    byte[] bytes = mutate(original, random);
                    boolean valid = decodes(serde, type, bytes);
                    // measured on the second decode: one-time class loading is not per-value
                    // allocation
                    long before = THREADS.getCurrentThreadAllocatedBytes();
                    decodes(serde, type, bytes);
                    decoded += valid ? 1 : 0;
                    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                    if (allocated - allowed(bytes.length) > maxExcess) {
                        maxExcess = allocated - allowed(bytes.length);
                        worst =
                                type.getSimpleName()
                                        + ", "
                                        + bytes.length
                                        + " bytes, "
                                        + allocated
                                        + " allocated";
                    }
                    mutated++;
                }
            }
        }
        assertThat(mutated).isGreaterThanOrEqualTo(100_000);
        assertThat(decoded).as("some mutations are still valid values").isPositive();
        assertThat(maxExcess)
                .as(
                        "bytes allocated beyond %d per input byte + %d (worst: %s)",
                        ALLOWED_BYTES_PER_INPUT_BYTE, ALLOWED_BYTES_BASE, worst)
                .isLessThanOrEqualTo(0);
    }

    @Test
    void shouldRefuseTombstonesEmptyValuesAndAbsurdLengthsWithTheirReason() {
        AvroSerde<InstrumentDefinition> definitions = AvroSerde.of(InstrumentDefinition.class);
        assertThatThrownBy(() -> definitions.deserialize(null))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageContaining("tombstone");
        assertThatThrownBy(() -> definitions.deserialize(new byte[0]))
                .isInstanceOf(AvroDecodeException.class);
        byte[] header =
                Arrays.copyOf(
                        definitions.serialize(sample(InstrumentDefinition.class, definitions)), 10);
        byte[] poison = Arrays.copyOf(header, 15);
        // dataset: a string declared 2^31 - 1 bytes long, in a 15-byte value
        poison[10] = (byte) 0xFE;
        poison[11] = (byte) 0xFF;
        poison[12] = (byte) 0xFF;
        poison[13] = (byte) 0xFF;
        poison[14] = (byte) 0x0F;
        long before = THREADS.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> definitions.deserialize(poison))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageContaining("declared");
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - before)
                .isLessThan(ALLOWED_BYTES_BASE);
        AvroSerde<MboEvent> mbo = AvroSerde.of(MboEvent.class);
        byte[] trailing = Arrays.copyOf(mbo.serialize(sample(MboEvent.class, mbo)), 200);
        assertThatThrownBy(() -> mbo.deserialize(trailing))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageContaining("after the value");
    }

    /**
     * True when the bytes decode; false when they give the declared error; any other throwable
     * fails.
     */
    private static boolean decodes(
            AvroSerde<? extends SpecificRecord> serde, Class<?> type, byte[] bytes) {
        try {
            serde.deserialize(bytes);
            return true;
        } catch (AvroDecodeException expected) {
            assertThat(expected.getMessage()).startsWith(type.getSimpleName() + ":");
            return false;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(
                    type.getSimpleName() + " threw " + e + " on " + Arrays.toString(bytes), e);
        }
    }

    /** Classes loaded and readers built on first use are not the decoder's allocation per value. */
    private static void warmUp(
            AvroSerde<? extends SpecificRecord> serde,
            List<byte[]> originals,
            SplittableRandom random) {
        for (byte[] original : originals) {
            serde.deserialize(original);
            for (int i = 0; i < 100; i++) {
                try {
                    serde.deserialize(mutate(original, random));
                } catch (AvroDecodeException expected) {
                    // the measured run below asserts on these
                }
            }
        }
    }

    private static long allowed(int inputBytes) {
        return ALLOWED_BYTES_PER_INPUT_BYTE * inputBytes + ALLOWED_BYTES_BASE;
    }

    private static List<byte[]> originals(
            Class<? extends SpecificRecord> type, AvroSerde<? extends SpecificRecord> serde) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < VALUES_PER_TYPE; i++) {
            out.add(serializeRandom(type, serde, new Random(i)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] serializeRandom(
            Class<T> type, AvroSerde<?> serde, Random random) {
        AvroSerde<T> typed = (AvroSerde<T>) serde;
        GenericData.Record generic =
                (GenericData.Record) RandomRecords.value(typed.schema(), random);
        return typed.serialize(AvroSerdeTest.specific(type, typed.schema(), generic));
    }

    private static <T extends SpecificRecord> T sample(Class<T> type, AvroSerde<T> serde) {
        GenericData.Record generic =
                (GenericData.Record) RandomRecords.value(serde.schema(), new Random(1));
        return AvroSerdeTest.specific(type, serde.schema(), generic);
    }

    /**
     * One of: flipped bits, random bytes, cut short, extended, a run of 0xFF (huge varints), or a
     * byte removed.
     */
    private static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] b = original.clone();
        int at = 10 + random.nextInt(Math.max(1, b.length - 10));
        switch (random.nextInt(6)) {
            case 0 -> {
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    int p = random.nextInt(b.length);
                    b[p] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    b[10 + random.nextInt(Math.max(1, b.length - 10)) % b.length] =
                            (byte) random.nextInt(256);
                }
            }
            case 2 -> b = Arrays.copyOf(b, random.nextInt(b.length));
            case 3 -> {
                b = Arrays.copyOf(b, b.length + 1 + random.nextInt(16));
                for (int i = original.length; i < b.length; i++) {
                    b[i] = (byte) random.nextInt(256);
                }
            }
            case 4 -> {
                for (int i = at; i < Math.min(b.length, at + 1 + random.nextInt(9)); i++) {
                    b[i] = (byte) 0xFF;
                }
            }
            default -> {
                if (at < b.length) {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
            }
        }
        return b;
    }
}
