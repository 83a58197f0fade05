package io.instflow.dbn;

import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.testing.SharedTestData;

import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DbnStreamDecoderTest {

    private static List<String> frame(DbnStreamDecoder decoder, byte[] input, int chunk) {
        List<String> events = new ArrayList<>();
        RecordDispatcher dispatcher =
                new RecordDispatcher(
                        new RecordHandler() {
                            @Override
                            public void onMbo(MboDecoder r) {
                                events.add(
                                        "mbo "
                                                + r.orderId()
                                                + " "
                                                + r.price()
                                                + " "
                                                + (char) r.action());
                            }

                            @Override
                            public void onUnknown(
                                    int rtype, DirectBuffer buffer, int offset, int length) {
                                events.add("unknown " + rtype + " " + length);
                            }
                        });
        for (int pos = 0; pos < input.length; pos += chunk) {
            decoder.write(input, pos, Math.min(chunk, input.length - pos));
            int state;
            while ((state = decoder.process()) != DbnStreamDecoder.NEED_MORE) {
                if (state == DbnStreamDecoder.METADATA) {
                    events.add("metadata " + decoder.metadata().dataset());
                } else {
                    dispatcher.dispatch(
                            decoder.buffer(), decoder.recordOffset(), decoder.recordLength());
                }
            }
        }
        decoder.finish();
        return events;
    }

    private static byte[] stream(int records) {
        return TestRecords.concat(
                MetadataCodec.encode(TestRecords.mboMetadata(false)),
                TestRecords.mboRecords(records, false));
    }

    @Test
    void shouldFrameTheSameRecordsWhateverTheReadSize() {
        byte[] input = stream(50);
        List<String> whole = frame(new DbnStreamDecoder(), input, input.length);
        assertThat(whole).hasSize(51).first().isEqualTo("metadata GLBX.MDP3");
        for (int chunk = 1; chunk <= 64; chunk++) {
            assertThat(frame(new DbnStreamDecoder(1024), input, chunk))
                    .as("chunk %d", chunk)
                    .isEqualTo(whole);
        }
    }

    @Test
    void shouldSplitARealFileAtEveryByteBoundary() throws IOException {
        byte[] input = decompressed(SharedTestData.file("databento/dbn/test_data.mbo.v3.dbn.zst"));
        List<String> whole = frame(new DbnStreamDecoder(), input, input.length);
        assertThat(whole).hasSize(3);
        for (int split = 1; split < input.length; split++) {
            DbnStreamDecoder decoder = new DbnStreamDecoder(1024);
            List<String> events = new ArrayList<>();
            byte[] first = java.util.Arrays.copyOfRange(input, 0, split);
            byte[] second = java.util.Arrays.copyOfRange(input, split, input.length);
            events.addAll(frame(decoder, TestRecords.concat(first, second), split));
            assertThat(events).as("split at %d", split).isEqualTo(whole);
        }
    }

    @Test
    void shouldSkipAndCountUnknownRecordTypes() {
        byte[] unknown = new byte[32];
        unknown[0] = 8;
        unknown[1] = (byte) 0x99;
        byte[] input =
                TestRecords.concat(
                        MetadataCodec.encode(TestRecords.mboMetadata(false)),
                        TestRecords.mboRecords(1, false),
                        unknown,
                        TestRecords.mboRecords(1, false));
        List<String> events = frame(new DbnStreamDecoder(), input, 7);
        assertThat(events).hasSize(4).element(2).isEqualTo("unknown 153 32");
    }

    @Test
    void shouldRejectARecordLengthBelowTheHeader() {
        byte[] records = TestRecords.mboRecords(2, false);
        records[56] = 3;
        byte[] input =
                TestRecords.concat(MetadataCodec.encode(TestRecords.mboMetadata(false)), records);
        assertThatThrownBy(() -> frame(new DbnStreamDecoder(), input, input.length))
                .isInstanceOf(DbnFormatException.class)
                .hasMessageContaining("length 12 bytes is below the 16-byte header");
    }

    @Test
    void shouldRejectAKnownRecordShorterThanItsLayout() {
        byte[] records = TestRecords.mboRecords(1, false);
        records[0] = 12;
        byte[] input =
                TestRecords.concat(
                        MetadataCodec.encode(TestRecords.mboMetadata(false)),
                        java.util.Arrays.copyOf(records, 48));
        assertThatThrownBy(() -> frame(new DbnStreamDecoder(), input, input.length))
                .isInstanceOf(DbnFormatException.class)
                .hasMessageContaining("mbo record")
                .hasMessageContaining("shorter than its 56-byte layout");
    }

    @Test
    void shouldReportATruncatedRecordWithItsOffset() {
        byte[] full = stream(3);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 10);
        assertThatThrownBy(() -> frame(new DbnStreamDecoder(), cut, 100))
                .isInstanceOf(DbnFormatException.class)
                .hasMessageContaining("truncated record at stream offset " + (full.length - 56))
                .hasMessageContaining("46 of 56 bytes");
    }

    @Test
    void shouldRejectVersionsAboveThree() {
        byte[] input = stream(1);
        input[3] = 4;
        assertThatThrownBy(() -> frame(new DbnStreamDecoder(), input, input.length))
                .isInstanceOf(DbnFormatException.class)
                .hasMessageContaining("unsupported DBN version 4");
    }

    @Test
    void shouldRejectInputThatIsNotDbn() {
        byte[] input =
                "PAR1 this is a parquet file".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> frame(new DbnStreamDecoder(), input, input.length))
                .isInstanceOf(DbnFormatException.class)
                .hasMessageContaining("not a DBN stream")
                .hasMessageContaining("50 41 52");
    }

    @Test
    void shouldReadTheTsOutSuffix() {
        byte[] input =
                TestRecords.concat(
                        MetadataCodec.encode(TestRecords.mboMetadata(true)),
                        TestRecords.mboRecords(3, true));
        List<Long> tsOut = new ArrayList<>();
        try (DbnReader reader =
                DbnReader.of(new ByteArrayInputStream(input), false, "ts_out stream")) {
            assertThat(reader.metadata().tsOut()).isTrue();
            reader.readAll(
                    new RecordHandler() {
                        @Override
                        public void onMbo(MboDecoder r) {
                            assertThat(r.recordLength()).isEqualTo(64);
                            assertThat(r.sequence()).isEqualTo(tsOut.size());
                            tsOut.add(r.tsOut());
                        }
                    });
        }
        assertThat(tsOut)
                .containsExactly(TestRecords.T0 + 900, TestRecords.T0 + 901, TestRecords.T0 + 902);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "test_data.definition.dbz",
                "test_data.mbo.dbz",
                "test_data.mbp-1.dbz",
                "test_data.trades.dbz"
            })
    void shouldRejectLegacyDbzFilesNamingTheFormat(String name) {
        Path file = SharedTestData.file("databento/dbn/" + name);
        assertThatThrownBy(
                        () -> {
                            try (DbnReader reader = DbnReader.open(file)) {
                                reader.readAll(new RecordHandler() {});
                            }
                        })
                .isInstanceOf(DbnFormatException.class)
                .hasMessageContaining("legacy DBZ format")
                .hasMessageContaining(name);
    }

    @Test
    void shouldFindAllFourDbzSamples() throws IOException {
        try (Stream<Path> files = Files.list(SharedTestData.require().resolve("databento/dbn"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".dbz")).count()).isEqualTo(4);
        }
    }

    static byte[] decompressed(Path file) throws IOException {
        try (var in = new com.github.luben.zstd.ZstdInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
