package io.instflow.bench;

import io.instflow.databento.ApiKey;
import io.instflow.databento.FakeGateway;
import io.instflow.databento.LiveClient;
import io.instflow.databento.LiveClientConfig;
import io.instflow.databento.LiveListener;
import io.instflow.databento.ReconnectPolicy;
import io.instflow.databento.Subscription;
import io.instflow.dbn.Metadata;
import io.instflow.dbn.MetadataCodec;
import io.instflow.dbn.SType;
import io.instflow.dbn.Schema;
import io.instflow.dbn.record.MboDecoder;

import org.agrona.DirectBuffer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The live client reading 3 million MBO records from the fake gateway over loopback: socket,
 * handshake, framing and decoding to the listener (which reads the price), before any Kafka. Each
 * invocation is one session. Scores are records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dagrona.disable.bounds.checks=true"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class LiveClientBenchmark {

    static final int RECORDS = 3_000_000;
    static final String KEY = "db-benchmarkkeybenchmarkkey12345";

    private FakeGateway gateway;
    private LiveClientConfig config;

    /** Counts delivered records and reads their price. */
    static final class Counter implements LiveListener {
        volatile long records;
        long sum;

        @Override
        public void onRecord(DirectBuffer buffer, int offset, int length) {
            sum += buffer.getLong(offset + MboDecoder.PRICE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            records++;
        }
    }

    @Setup
    public void setUp() throws IOException {
        Metadata metadata =
                new Metadata(
                        3,
                        "GLBX.MDP3",
                        Schema.NONE_ID,
                        0,
                        -1L,
                        0,
                        SType.NONE_ID,
                        SType.INSTRUMENT_ID.id(),
                        false,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of());
        byte[] header = MetadataCodec.encode(metadata);
        ExpandableArrayBuffer stream =
                new ExpandableArrayBuffer(header.length + RECORDS * MboDecoder.LENGTH);
        stream.putBytes(0, header);
        int end = new SyntheticMbo(1).fill(stream, header.length, RECORDS);
        byte[] bytes = new byte[end];
        stream.getBytes(0, bytes);
        gateway = new FakeGateway(KEY, bytes, s -> FakeGateway.Plan.full());
        config =
                LiveClientConfig.builder(ApiKey.of(KEY))
                        .gateway("127.0.0.1", gateway.port())
                        .subscribe(
                                new Subscription("mbo", "parent", List.of("NQ.FUT"), false, null))
                        .reconnect(new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 0, 1))
                        .build();
    }

    @TearDown
    public void tearDown() throws IOException {
        gateway.close();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long readSession() throws Exception {
        Counter counter = new Counter();
        LiveClient client = new LiveClient(config, counter);
        CompletableFuture<Void> run = CompletableFuture.runAsync(client::run);
        while (counter.records < RECORDS && !run.isDone()) {
            Thread.onSpinWait();
        }
        client.stop();
        run.get(10, TimeUnit.SECONDS);
        return counter.sum;
    }
}
