package io.instflow.schemas;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Avro's varints read as Avro's own decoder reads them, whatever their length and however many
 * bytes follow them: where the longest varint of its type (5 bytes for an int, 10 for a long) fits
 * in what is left, the decoder reads without a check per byte, and near a value's end with one.
 */
class ArrayDecoderTest {

    @Test
    void shouldReadEveryLengthOfLongAsAvroDoesWhereverItSits() throws IOException {
        List<Long> values = new ArrayList<>(List.of(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE));
        for (int bits = 6; bits < 64; bits += 7) {
            values.addAll(List.of((1L << bits) - 1, 1L << bits, -(1L << bits), -(1L << bits) - 1));
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 2_000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        int lengths = 0;
        for (long value : values) {
            byte[] varint = avroLong(value);
            lengths |= 1 << varint.length;
            for (int before = 0; before < 3; before++) {
                for (int after = 0; after <= 12; after++) {
                    byte[] bytes = new byte[before + varint.length + after];
                    Arrays.fill(bytes, (byte) 0x2A);
                    System.arraycopy(varint, 0, bytes, before, varint.length);
                    ArrayDecoder ours =
                            new ArrayDecoder().wrap(bytes, before, bytes.length - before);
                    BinaryDecoder avro =
                            DecoderFactory.get()
                                    .binaryDecoder(bytes, before, bytes.length - before, null);
                    assertThat(ours.readLong()).as("%d", value).isEqualTo(avro.readLong());
                    assertThat(ours.remaining()).as("%d", value).isEqualTo(after);
                }
            }
        }
        assertThat(lengths).as("varints of 1 to 10 bytes").isEqualTo(0b111_1111_1110);
    }

    @Test
    void shouldReadEveryIntAndRefuseLongerVarintsAndValuesOutOfRange() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            int value = random.nextInt() >> random.nextInt(32);
            byte[] varint = avroLong(value);
            for (int after = 0; after <= 12; after++) {
                byte[] bytes = Arrays.copyOf(varint, varint.length + after);
                ArrayDecoder ours = new ArrayDecoder().wrap(bytes, 0, bytes.length);
                assertThat(ours.readInt()).isEqualTo(value);
                assertThat(ours.remaining()).isEqualTo(after);
            }
        }
        for (int after = 0; after <= 12; after++) {
            byte[] sixBytes = Arrays.copyOf(avroLong(1L << 40), 6 + after);
            assertThatThrownBy(
                            () -> new ArrayDecoder().wrap(sixBytes, 0, sixBytes.length).readInt())
                    .isInstanceOf(IOException.class)
                    .hasMessage("varint longer than 5 bytes");
            byte[] outOfRange = Arrays.copyOf(avroLong(1L << 33), 5 + after);
            assertThatThrownBy(
                            () ->
                                    new ArrayDecoder()
                                            .wrap(outOfRange, 0, outOfRange.length)
                                            .readInt())
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("int out of range");
        }
    }

    @Test
    void shouldRefuseALongOfMoreThanTenBytesAsAvroDoes() {
        for (int length = 11; length <= 20; length++) {
            byte[] bytes = new byte[length];
            Arrays.fill(bytes, (byte) 0x80);
            assertThatThrownBy(() -> DecoderFactory.get().binaryDecoder(bytes, null).readLong())
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> new ArrayDecoder().wrap(bytes, 0, bytes.length).readLong())
                    .isInstanceOf(IOException.class)
                    .hasMessage("varint longer than 10 bytes");
        }
    }

    private static byte[] avroLong(long value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        encoder.writeLong(value);
        encoder.flush();
        return out.toByteArray();
    }
}
