package io.instflow.bench;

import io.instflow.dbn.RecordDispatcher;
import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.RecordScanner;
import io.instflow.dbn.record.MboDecoder;

import org.agrona.concurrent.UnsafeBuffer;
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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * MBO decode throughput over an in-memory buffer of 10 million records (560 MB), next to the floor
 * of a plain loop that reads one long per 56-byte record. {@code decodeMboPrice} does the floor's
 * work (one long per record) through the full framing and dispatch, so the two compare the
 * decoder's overhead; {@code decodeMboBookFields} reads every field an order book needs. Scores are
 * records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Xms2g",
            "-Xmx2g",
            "-XX:MaxDirectMemorySize=1g",
            "-Dagrona.disable.bounds.checks=true"
        })
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 10, time = 3)
public class MboDecodeBenchmark {

    static final int RECORDS = 10_000_000;

    private UnsafeBuffer buffer;
    private RecordDispatcher bookDispatcher;
    private RecordDispatcher priceDispatcher;
    private BookFields fields;
    private Price price;

    /** Reads the price only: the same work per record as the plain loop. */
    static final class Price implements RecordHandler {
        long sum;

        @Override
        public void onMbo(MboDecoder r) {
            sum += r.price();
        }
    }

    /** Reads what a book update needs from each record. */
    static final class BookFields implements RecordHandler {
        long checksum;

        @Override
        public void onMbo(MboDecoder r) {
            checksum +=
                    r.orderId()
                            ^ r.price()
                            ^ r.size()
                            ^ r.tsRecv()
                            ^ r.action()
                            ^ r.side()
                            ^ r.flags()
                            ^ r.instrumentId();
        }
    }

    @Setup
    public void setUp() {
        ByteBuffer memory =
                ByteBuffer.allocateDirect(RECORDS * MboDecoder.LENGTH)
                        .order(ByteOrder.LITTLE_ENDIAN);
        buffer = new UnsafeBuffer(memory);
        new SyntheticMbo(42).fill(buffer, 0, RECORDS);
        fields = new BookFields();
        bookDispatcher = new RecordDispatcher(fields);
        price = new Price();
        priceDispatcher = new RecordDispatcher(price);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long decodeMboPrice() {
        RecordScanner.scan(buffer, 0, buffer.capacity(), priceDispatcher);
        return price.sum;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long decodeMboBookFields() {
        RecordScanner.scan(buffer, 0, buffer.capacity(), bookDispatcher);
        return fields.checksum;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long plainLoopFloor() {
        long sum = 0;
        UnsafeBuffer b = buffer;
        int end = b.capacity();
        for (int offset = MboDecoder.PRICE_OFFSET; offset < end; offset += MboDecoder.LENGTH) {
            sum += b.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        }
        return sum;
    }
}
