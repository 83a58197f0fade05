package io.instflow.dbn;

import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.io.DbnWriter;
import io.instflow.testing.SharedTestData;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** decode, encode as v3 (plain and zstd), decode again: the same metadata and the same records. */
class RoundTripTest {

    @TempDir Path temp;

    static Stream<Path> samples() throws IOException {
        Path root = SharedTestData.require();
        return Stream.concat(
                        Files.walk(root.resolve("databento")), Files.walk(root.resolve("glbx")))
                .filter(p -> p.toString().contains(".dbn"))
                .sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void shouldReadBackWhatItWrote(Path file) throws IOException {
        FlattenedRecords original = FlattenedRecords.read(file);
        for (boolean compress : new boolean[] {false, true}) {
            Path copy =
                    temp.resolve(
                            (compress ? "copy.dbn.zst" : "copy.dbn")
                                    + (original.metadata == null ? ".frag" : ""));
            rewrite(file, copy, compress);
            FlattenedRecords again = FlattenedRecords.read(copy);
            if (original.metadata != null) {
                assertThat(again.metadata).isEqualTo(original.metadata.withVersion(3));
            }
            assertThat(again.records).hasSameSizeAs(original.records);
            for (int i = 0; i < original.records.size(); i++) {
                var want = new java.util.LinkedHashMap<>(original.records.get(i));
                var got = new java.util.LinkedHashMap<>(again.records.get(i));
                List.of(
                                "len",
                                "length",
                                "trading_reference_price",
                                "trading_reference_date",
                                "md_security_trading_status",
                                "settl_price_type")
                        .forEach(
                                k -> {
                                    want.remove(k);
                                    got.remove(k);
                                });
                assertThat(got).as("record %d", i).isEqualTo(want);
            }
        }
    }

    static Stream<Path> versionThreeSamples() throws IOException {
        return samples()
                .filter(
                        p -> {
                            byte[] head = bytes(p);
                            return head.length > 3 && head[0] == 'D' && head[3] == 3;
                        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versionThreeSamples")
    void shouldWriteVersionThreeInputBackByteForByte(Path file) throws IOException {
        byte[] original = bytes(file);
        Path copy = temp.resolve("copy.dbn");
        rewrite(file, copy, false);
        assertThat(Files.readAllBytes(copy)).isEqualTo(original);
    }

    private static byte[] bytes(Path file) {
        try {
            return file.toString().endsWith(".zst")
                    ? DbnStreamDecoderTest.decompressed(file)
                    : Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void rewrite(Path from, Path to, boolean compress) {
        try (DbnReader reader = DbnReader.open(from);
                DbnWriter writer = DbnWriter.create(to, compress)) {
            Metadata metadata = reader.metadata();
            if (metadata == null) {
                writer.startFragment(false);
            } else {
                writer.writeMetadata(metadata);
            }
            while (reader.nextRecord()) {
                writer.writeRecord(reader.buffer(), reader.recordOffset(), reader.recordLength());
            }
        }
    }
}
