package io.instflow.ifd.functions;

import io.instflow.book.Aggressor;
import io.instflow.contract.Deployment;
import io.instflow.contract.MetricRecords;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.FlowEvent;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pressure windows held in memory between checkpoints: whatever checkpoint a job restores from, the
 * windows and late counts it emits afterwards are those of an uninterrupted run, on the heap and on
 * RocksDB.
 */
class PressureWindowWriteBackTest {

    private static final long MINUTE_MS = 60_000;
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                    .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldEmitTheUninterruptedWindowsAfterARestoreFromAnyCheckpoint(String backend)
            throws Exception {
        List<FlowEvent> events = randomFlow(3, 1_000);
        Emitted uninterrupted = run(events, Integer.MAX_VALUE, backend);
        assertThat(uninterrupted.windows).hasSizeGreaterThan(40);
        assertThat(uninterrupted.late).isNotEmpty();
        for (int every : new int[] {5, 37, 400}) {
            Emitted restored = run(events, every, backend);
            assertThat(restored.windows)
                    .as("windows, restored every %d events", every)
                    .containsExactlyElementsOf(uninterrupted.windows);
            assertThat(restored.late)
                    .as("late counts, restored every %d events", every)
                    .containsExactlyElementsOf(uninterrupted.late);
        }
    }

    /** Windows (as JSON) and late counts, each in the order emitted. */
    private record Emitted(List<String> windows, List<String> late) {}

    /** What the operator emits, restored from a checkpoint every so many events. */
    private static Emitted run(List<FlowEvent> events, int restoreEvery, String backend)
            throws Exception {
        Emitted out = new Emitted(new ArrayList<>(), new ArrayList<>());
        long[] watermark = {Long.MIN_VALUE};
        RestoredRuns.run(
                events.size(),
                restoreEvery,
                () -> harness(backend),
                (h, index) -> {
                    FlowEvent e = events.get(index);
                    long ms = e.tsEvent / 1_000_000L;
                    h.processElement(new StreamRecord<>(e, ms));
                    if (index % 10 == 9 && ms - 30_000 > watermark[0]) {
                        watermark[0] = ms - 30_000;
                        h.processWatermark(watermark[0]);
                    }
                },
                h -> {
                    for (ContractWindow w : h.extractOutputValues()) {
                        out.windows.add(JSON.writeValueAsString(w));
                    }
                    var late = h.getSideOutput(PressureWindowFunction.LATE);
                    if (late != null) {
                        late.forEach(
                                m ->
                                        out.late.add(
                                                "late "
                                                        + m.getValue().getTags()
                                                        + " "
                                                        + m.getValue().getValue()));
                    }
                });
        return out;
    }

    private static KeyedOneInputStreamOperatorTestHarness<Long, FlowEvent, ContractWindow> harness(
            String backend) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new WriteBackProcessOperator<>(
                                new PressureWindowFunction(
                                        1,
                                        50,
                                        20,
                                        new MetricRecords(new Deployment("ifd-test"), "testing"))),
                        (FlowEvent e) -> e.instrumentId,
                        Types.LONG);
        h.setStateBackend(RestoredRuns.backend(backend));
        return h;
    }

    /**
     * Trades, quotes and spoofs of three contracts over a quarter hour, some of them up to a minute
     * behind the others (so some are late and two windows of a contract can be open).
     */
    private static List<FlowEvent> randomFlow(long seed, int count) {
        Random random = new Random(seed);
        List<FlowEvent> events = new ArrayList<>();
        long startMs = 1_790_000_000_000L;
        for (int i = 0; i < count; i++) {
            FlowEvent e = new FlowEvent();
            ContractInfo contract = PressureWindowFunctionTest.call();
            contract.instrumentId = 21 + random.nextInt(3);
            e.contract = contract;
            e.instrumentId = contract.instrumentId;
            long ms = startMs + i * 900L - (random.nextInt(10) == 0 ? random.nextInt(60_000) : 0);
            e.tsEvent = ms * 1_000_000L + random.nextInt(1_000_000);
            e.kind = random.nextInt(3);
            e.aggressor = random.nextBoolean() ? Aggressor.BUY : Aggressor.SELL;
            e.size = 1 + random.nextInt(60);
            e.price = 100_000_000_000L + random.nextInt(20) * 250_000_000L;
            e.bidSize = random.nextInt(30);
            e.askSize = random.nextInt(30);
            e.durationNs = random.nextInt(5_000_000);
            e.bid = random.nextBoolean();
            events.add(e);
        }
        return events;
    }
}
