package io.instflow.bench;

import io.instflow.dbn.Metadata;
import io.instflow.dbn.MetadataCodec;
import io.instflow.dbn.SType;
import io.instflow.dbn.Schema;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import org.agrona.ExpandableArrayBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decoding a zstd-compressed DBN stream of 10 million MBO records (as a {@code .dbn.zst} file is
 * read) next to zstd-jni decompressing the same bytes alone. Scores are records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-Dagrona.disable.bounds.checks=true"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class ZstdDecodeBenchmark {

    static final int RECORDS = MboDecodeBenchmark.RECORDS;

    private byte[] compressed;
    private final byte[] sink = new byte[128 * 1024];
    private final MboDecodeBenchmark.BookFields fields = new MboDecodeBenchmark.BookFields();

    @Setup
    public void setUp() throws IOException {
        Metadata metadata =
                new Metadata(
                        3,
                        "GLBX.MDP3",
                        Schema.MBO.id(),
                        SyntheticMbo.T0,
                        -1L,
                        0,
                        SType.RAW_SYMBOL.id(),
                        SType.INSTRUMENT_ID.id(),
                        false,
                        List.of("NQZ5"),
                        List.of(),
                        List.of(),
                        List.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(200 << 20);
        SyntheticMbo generator = new SyntheticMbo(42);
        ExpandableArrayBuffer chunk = new ExpandableArrayBuffer(100_000 * MboDecoder.LENGTH);
        try (ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(bytes, 3)) {
            zstd.write(MetadataCodec.encode(metadata));
            for (int written = 0; written < RECORDS; written += 100_000) {
                int end = generator.fill(chunk, 0, 100_000);
                zstd.write(chunk.byteArray(), 0, end);
            }
        }
        compressed = bytes.toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long decompressOnly() throws IOException {
        long total = 0;
        try (InputStream in =
                new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(compressed))) {
            int n;
            while ((n = in.read(sink, 0, sink.length)) > 0) {
                total += n + sink[0];
            }
        }
        return total;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long decodeZstd() {
        try (DbnReader reader =
                DbnReader.of(new ByteArrayInputStream(compressed), false, "benchmark")) {
            reader.readAll(fields);
        }
        return fields.checksum;
    }
}
