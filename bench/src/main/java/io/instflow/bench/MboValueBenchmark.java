package io.instflow.bench;

import io.instflow.avro.MboEvent;
import io.instflow.contract.MboEventEncoder;
import io.instflow.contract.flink.MboEventSerializer;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.schemas.AvroSerde;

import org.agrona.concurrent.UnsafeBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The IFD job's two steps per MBO value before its book: decoding the Kafka value, and the hop to
 * the book's task; and encoding a value, as every job's Kafka sinks encode theirs. Each is measured
 * beside Avro's own way of doing it on the same values: the single-object decoder and encoder of
 * the generated class, and the Avro serializer Flink would otherwise use between tasks. Scores are
 * values per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 8, time = 2)
public class MboValueBenchmark {

    static final int VALUES = 100_000;

    private byte[][] values;
    private MboEvent[] events;
    private AvroSerde<MboEvent> serde;
    private BinaryMessageDecoder<MboEvent> avroDecoder;
    private BinaryMessageEncoder<MboEvent> avroEncoder;
    private TypeSerializer<MboEvent> hop;
    private TypeSerializer<MboEvent> avroHop;
    private final DataOutputSerializer out = new DataOutputSerializer(64 * VALUES);
    private final DataInputDeserializer in = new DataInputDeserializer();

    @Setup
    public void setUp() {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[VALUES * MboDecoder.LENGTH]);
        new SyntheticMbo(42).fill(buffer, 0, VALUES);
        MboEventEncoder encoder = new MboEventEncoder("GLBX.MDP3");
        MboDecoder record = new MboDecoder();
        serde = AvroSerde.of(MboEvent.class);
        values = new byte[VALUES][];
        events = new MboEvent[VALUES];
        for (int i = 0; i < VALUES; i++) {
            values[i] = encoder.encode(record.wrap(buffer, i * MboDecoder.LENGTH), false);
            events[i] = serde.deserialize(values[i]);
        }
        avroDecoder = MboEvent.getDecoder();
        avroEncoder = MboEvent.getEncoder();
        hop = new MboEventSerializer();
        avroHop = new AvroTypeInfo<>(MboEvent.class).createSerializer(new SerializerConfigImpl());
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long decodeWithSerde() {
        long sum = 0;
        for (byte[] value : values) {
            sum += serde.deserialize(value).getOrderId();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long decodeWithAvroSingleObjectDecoder() throws IOException {
        long sum = 0;
        for (byte[] value : values) {
            sum += avroDecoder.decode(ByteBuffer.wrap(value)).getOrderId();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long encodeWithSerde() {
        long bytes = 0;
        for (MboEvent e : events) {
            bytes += serde.serialize(e).length;
        }
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long encodeWithAvroSingleObjectEncoder() throws IOException {
        long bytes = 0;
        for (MboEvent e : events) {
            bytes += avroEncoder.encode(e).remaining();
        }
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long hopWithMboEventSerializer() throws IOException {
        return roundTrip(hop);
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long hopWithFlinkAvroSerializer() throws IOException {
        return roundTrip(avroHop);
    }

    /** Every value written to one buffer and read back, as a network buffer carries them. */
    private long roundTrip(TypeSerializer<MboEvent> serializer) throws IOException {
        out.clear();
        for (MboEvent e : events) {
            serializer.serialize(e, out);
        }
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        long sum = 0;
        for (int i = 0; i < VALUES; i++) {
            sum += serializer.deserialize(in).getOrderId();
        }
        return sum;
    }
}
