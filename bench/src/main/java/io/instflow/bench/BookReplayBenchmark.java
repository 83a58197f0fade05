package io.instflow.bench;

import io.instflow.book.MarketBooks;
import io.instflow.book.OrderBook;
import io.instflow.dbn.RecordDispatcher;
import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.RecordScanner;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Order-book replay of the first million records of one simulated NQ day (a 90-minute session) held
 * in memory: decode plus book update per record, single thread. Scores are MBO events per second.
 * The small universe (futures and 68 options) keeps its books in the CPU's caches; the full one
 * (about 4,000 books) does not, as in the job on a real options day.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dagrona.disable.bounds.checks=true"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class BookReplayBenchmark {

    /**
     * Records replayed per invocation: the first of the simulated day, which has more; a fixed
     * count keeps scores comparable when the simulator's output changes.
     */
    static final int RECORDS = 1_000_000;

    @Param({"small", "full"})
    public String universe;

    private UnsafeBuffer records;
    private int start;
    private int end;
    private RecordDispatcher dispatcher;
    private Replay replay;

    static final class Replay implements RecordHandler {
        final MarketBooks books = new MarketBooks(id -> 250_000_000L);
        long observable;

        @Override
        public void onMbo(MboDecoder r) {
            if ((books.apply(r) & OrderBook.OBSERVABLE) != 0) {
                observable += books.lastBook().bidSize();
            }
        }
    }

    @Setup
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("instflow-bench");
        SimulationResult result =
                new MarketSimulator(
                                SimulatorConfig.builder(dir)
                                        .days(1)
                                        .minutes(90)
                                        .seed(3)
                                        .universe(SimulatorConfig.Universe.parse(universe))
                                        .build())
                        .run(line -> {});
        Path file = result.days().get(0).file();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (var in = new com.github.luben.zstd.ZstdInputStream(Files.newInputStream(file))) {
            in.transferTo(plain);
        }
        byte[] bytes = plain.toByteArray();
        try (DbnReader reader = DbnReader.open(file)) {
            reader.metadata();
            start = (int) reader.bytesConsumed();
        }
        records = new UnsafeBuffer(bytes);
        end = endOfRecords(records, start, RECORDS);
        replay = new Replay();
        dispatcher = new RecordDispatcher(replay);
    }

    /** The offset after the first {@code count} records from {@code start}. */
    private static int endOfRecords(UnsafeBuffer buffer, int start, int count) {
        int position = start;
        for (int i = 0; i < count; i++) {
            if (position >= buffer.capacity()) {
                throw new IllegalStateException(
                        "the simulated day has " + i + " records, fewer than " + count);
            }
            position += (buffer.getByte(position) & 0xFF) << 2;
        }
        return position;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long replayBooks() {
        RecordScanner.scan(records, start, end, dispatcher);
        return replay.observable;
    }
}
