package io.instflow.ifd.functions;

import io.instflow.avro.PipelineMetric;
import io.instflow.book.Aggressor;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.FlowEvent;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pressure windows as an operator: firing on watermarks, late records, state across a restore.
 */
public class PressureWindowFunctionTest {

    private static final long MINUTE_MS = 60_000;

    /** A call option of NQZ6 (instrument 7), the contract the operator tests share. */
    public static ContractInfo call() {
        ContractInfo c = new ContractInfo();
        c.instrumentId = 7;
        c.rawSymbol = "NQZ6 C21000";
        c.instrumentClass = "C";
        c.root = "NQ";
        c.underlying = "NQZ6";
        c.expiration = 1_797_604_200_000_000_000L;
        c.strike = 21_000_000_000_000L;
        c.multiplier = 20_000_000_000L;
        return c;
    }

    private static StreamRecord<FlowEvent> buy(long tsMs, long size) {
        FlowEvent e = new FlowEvent();
        e.kind = FlowEvent.TRADE;
        e.instrumentId = 7;
        e.tsEvent = tsMs * 1_000_000L;
        e.aggressor = Aggressor.BUY;
        e.size = size;
        e.price = 100_000_000_000L;
        e.contract = call();
        return new StreamRecord<>(e, tsMs);
    }

    private static KeyedOneInputStreamOperatorTestHarness<Long, FlowEvent, ContractWindow> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new WriteBackProcessOperator<>(
                        new PressureWindowFunction(
                                5,
                                50,
                                new io.instflow.contract.MetricRecords(
                                        new io.instflow.contract.Deployment("ifd-test"),
                                        "production"))),
                e -> e.instrumentId,
                Types.LONG);
    }

    private static List<ContractWindow> windows(
            KeyedOneInputStreamOperatorTestHarness<Long, FlowEvent, ContractWindow> h) {
        return h.extractOutputValues();
    }

    @Test
    void shouldEmitAWindowOnlyOnceTheWatermarkPassesItsEnd() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(buy(10_000, 3));
            h.processElement(buy(200_000, 4));
            h.processWatermark(5 * MINUTE_MS - 2);
            assertThat(windows(h)).isEmpty();
            h.processWatermark(5 * MINUTE_MS - 1);
            assertThat(windows(h))
                    .singleElement()
                    .satisfies(
                            w -> {
                                assertThat(w.windowStart).isZero();
                                assertThat(w.windowEnd).isEqualTo(5 * MINUTE_MS * 1_000_000L);
                                assertThat(w.stats.buyVolume).isEqualTo(7);
                                assertThat(w.stats.trades).isEqualTo(2);
                            });
        }
    }

    @Test
    void shouldDropAndReportRecordsOfAWindowAlreadyEmitted() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(buy(10_000, 3));
            h.processWatermark(5 * MINUTE_MS - 1);
            h.processElement(buy(100_000, 50));
            h.processElement(buy(6 * MINUTE_MS, 2));
            h.processWatermark(10 * MINUTE_MS - 1);
            assertThat(windows(h)).extracting(w -> w.stats.buyVolume).containsExactly(3L, 2L);
            List<PipelineMetric> late =
                    h.getSideOutput(PressureWindowFunction.LATE).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertThat(late)
                    .singleElement()
                    .satisfies(
                            m -> {
                                assertThat(m.getName()).isEqualTo("late_records");
                                assertThat(m.getValue()).isEqualTo(1.0);
                                assertThat(m.getTags()).containsEntry("instrument_id", "7");
                            });
        }
    }

    @Test
    void shouldKeepOpenWindowsAndEmittedWindowsAcrossASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(buy(10_000, 3));
            h.processWatermark(5 * MINUTE_MS - 1);
            h.processElement(buy(6 * MINUTE_MS, 4));
            h.prepareSnapshotPreBarrier(1);
            snapshot = h.snapshot(1, 1);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(buy(10_000, 3));
            restored.processElement(buy(7 * MINUTE_MS, 5));
            restored.processWatermark(10 * MINUTE_MS - 1);
            assertThat(windows(restored))
                    .as("the replayed record of the emitted window is not counted again")
                    .singleElement()
                    .satisfies(
                            w -> {
                                assertThat(w.windowStart).isEqualTo(5 * MINUTE_MS * 1_000_000L);
                                assertThat(w.stats.buyVolume)
                                        .as("4 before the snapshot, 5 after")
                                        .isEqualTo(9);
                            });
        }
    }
}
