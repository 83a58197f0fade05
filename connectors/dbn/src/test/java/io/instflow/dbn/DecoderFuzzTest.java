package io.instflow.dbn;

import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.json.DbnJsonWriter;
import io.instflow.testing.SharedTestData;

import com.github.luben.zstd.Zstd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Feeds 100,000 seeded mutations of real and synthetic DBN streams (bit flips, random bytes,
 * truncations, insertions, corrupted lengths and counts, damaged zstd) through the reader, the
 * dispatcher and the JSON renderer, which touches every field. The only error allowed is {@link
 * DbnFormatException}; each case is reproducible from its printed seed.
 */
class DecoderFuzzTest {

    private static final int CASES = 100_000;
    private static final long SEED = 0x1F10_2026L;

    private record Seed(String name, byte[] bytes, boolean fragment) {}

    @Test
    @Timeout(300)
    void shouldRaiseOnlyTheCodecErrorOnMutatedInput() throws IOException {
        List<Seed> seeds = seeds();
        SplittableRandom random = new SplittableRandom(SEED);
        int formatErrors = 0;
        long recordsDecoded = 0;
        OutputStream sink = OutputStream.nullOutputStream();
        for (int i = 0; i < CASES; i++) {
            long caseSeed = random.nextLong();
            SplittableRandom r = new SplittableRandom(caseSeed);
            Seed seed = seeds.get(r.nextInt(seeds.size()));
            boolean compressed = r.nextInt(10) == 0;
            byte[] input =
                    compressed ? mutate(Zstd.compress(seed.bytes, 1), r) : mutate(seed.bytes, r);
            try (DbnReader reader =
                    DbnReader.of(new ByteArrayInputStream(input), seed.fragment, "case " + i)) {
                Metadata metadata = reader.metadata();
                boolean tsOut = metadata != null && metadata.tsOut();
                recordsDecoded +=
                        reader.readAll(
                                new DbnJsonWriter(
                                        sink,
                                        r.nextBoolean(),
                                        tsOut,
                                        SymbolMap.fromMetadata(metadata)));
            } catch (DbnFormatException expected) {
                formatErrors++;
                assertThat(expected.getMessage()).isNotBlank();
            } catch (RuntimeException | Error e) {
                fail(
                        "case %d (seed %d, from %s, compressed %s) threw %s",
                        i, caseSeed, seed.name, compressed, e);
            }
        }
        assertThat(formatErrors)
                .as("mutations detected as format errors")
                .isGreaterThan(CASES / 10);
        assertThat(recordsDecoded).as("mutations that still decode").isGreaterThan(CASES);
    }

    private static byte[] mutate(byte[] original, SplittableRandom r) {
        byte[] b = original.clone();
        switch (r.nextInt(7)) {
            case 0:
                for (int n = 1 + r.nextInt(8); n > 0; n--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            case 1:
                for (int n = 1 + r.nextInt(16); n > 0; n--) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                return b;
            case 2:
                return java.util.Arrays.copyOf(b, r.nextInt(b.length));
            case 3:
                {
                    int at = r.nextInt(b.length);
                    byte[] junk = new byte[1 + r.nextInt(64)];
                    r.nextBytes(junk);
                    return TestRecords.concat(
                            java.util.Arrays.copyOf(b, at),
                            junk,
                            java.util.Arrays.copyOfRange(b, at, b.length));
                }
            case 4:
                {
                    int at = Math.min(b.length - 1, 8 + r.nextInt(Math.max(1, b.length - 8)));
                    b[at] = (byte) (r.nextInt(4) == 0 ? 0 : r.nextInt(256));
                    return b;
                }
            case 5:
                if (b.length > 8) {
                    b[4 + r.nextInt(4)] = (byte) r.nextInt(256);
                }
                return b;
            default:
                {
                    int from = r.nextInt(b.length);
                    int len = Math.min(b.length - from, 1 + r.nextInt(200));
                    return TestRecords.concat(b, java.util.Arrays.copyOfRange(b, from, from + len));
                }
        }
    }

    private static List<Seed> seeds() throws IOException {
        List<Seed> seeds = new ArrayList<>();
        seeds.add(
                new Seed(
                        "synthetic mbo",
                        TestRecords.concat(
                                MetadataCodec.encode(TestRecords.mboMetadata(false)),
                                TestRecords.mboRecords(20, false)),
                        false));
        seeds.add(
                new Seed(
                        "synthetic ts_out",
                        TestRecords.concat(
                                MetadataCodec.encode(TestRecords.mboMetadata(true)),
                                TestRecords.mboRecords(20, true)),
                        false));
        Path root = SharedTestData.require();
        for (String name :
                List.of(
                        "databento/dbn/test_data.mbo.v1.dbn.zst",
                                "databento/dbn/test_data.mbo.v3.dbn",
                        "databento/dbn/test_data.definition.v1.dbn.zst",
                                "databento/dbn/test_data.definition.v2.dbn.zst",
                        "databento/dbn/test_data.definition.v3.dbn.zst",
                                "databento/dbn/test_data.statistics.v1.dbn.zst",
                        "databento/dbn/test_data.statistics.v3.dbn.zst",
                                "databento/dbn/test_data.mbp-1.v2.dbn.zst",
                        "databento/dbn/test_data.trades.v1.dbn.zst",
                                "databento/databento-python/LIVE/test_data.live.dbn.zst",
                        "databento/dbn/test_data.definition.v1.dbn.frag",
                                "glbx/dbn/test_data.mbp-10.v3.dbn.zst",
                        "glbx/dbn/test_data.status.v3.dbn.zst",
                                "glbx/dbn/test_data.bbo-1s.v3.dbn.zst")) {
            Path file = root.resolve(name);
            byte[] bytes =
                    name.endsWith(".zst")
                            ? DbnStreamDecoderTest.decompressed(file)
                            : Files.readAllBytes(file);
            seeds.add(new Seed(name, bytes, name.contains(".frag")));
        }
        return seeds;
    }

    @Test
    void shouldDetectZstdInputEvenWhenMutated() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] compressed =
                Zstd.compress(
                        TestRecords.concat(
                                MetadataCodec.encode(TestRecords.mboMetadata(false)),
                                TestRecords.mboRecords(5, false)),
                        3);
        try (DbnReader reader = DbnReader.of(new ByteArrayInputStream(compressed), false, "zstd")) {
            assertThat(reader.compressed()).isTrue();
            assertThat(reader.readAll(new DbnJsonWriter(out, false, false, null))).isEqualTo(5);
        }
    }
}
