package io.instflow.ifd.functions;

import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.book.Aggressor;
import io.instflow.ifd.PipelineConfig;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.FlowEvent;
import io.instflow.ifd.model.WindowStats;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detector as an operator: straddles rejected as market making, baselines of prior days kept
 * across a restore.
 */
class DetectorFunctionTest {

    private static final long WINDOW_NS = 300_000_000_000L;

    private static Harness harness() throws Exception {
        return harness(PipelineConfig.defaults().profile("production"));
    }

    private static Harness harness(DetectorParams params) throws Exception {
        return new Harness(
                new WriteBackBroadcastOperator<>(
                        new DetectorFunction(
                                params,
                                5,
                                io.instflow.contract.Deployment.ifd(params.profile(), "")),
                        List.of(FuturesPrices.STATE)),
                DetectorFunction::key,
                Types.STRING,
                1,
                1,
                0);
    }

    /** The detector's operator: contract windows keyed, futures trades broadcast. */
    private static final class Harness
            extends KeyedBroadcastOperatorTestHarness<String, ContractWindow, FlowEvent, Signal> {
        Harness(
                CoBroadcastWithKeyedOperator<String, ContractWindow, FlowEvent, Signal> operator,
                org.apache.flink.api.java.functions.KeySelector<ContractWindow, String> key,
                org.apache.flink.api.common.typeinfo.TypeInformation<String> keyType,
                int maxParallelism,
                int parallelism,
                int subtask)
                throws Exception {
            super(operator, key, keyType, maxParallelism, parallelism, subtask);
        }
    }

    private static StreamRecord<FlowEvent> futuresTrade(long tsNs, double price) {
        FlowEvent e = new FlowEvent();
        e.kind = FlowEvent.TRADE;
        e.instrumentId = 42140000;
        e.tsEvent = tsNs;
        e.price = Math.round(price * 1e9);
        e.size = 1;
        e.contract = PressureWindowFunctionTest.call();
        e.contract.instrumentClass = "F";
        e.contract.rawSymbol = "NQZ6";
        return new StreamRecord<>(e, tsNs / 1_000_000L);
    }

    private static ContractInfo contract(long id, String type) {
        ContractInfo c = PressureWindowFunctionTest.call();
        c.instrumentId = id;
        c.instrumentClass = type;
        c.rawSymbol = "NQZ6 " + type + "21000";
        return c;
    }

    private static StreamRecord<ContractWindow> window(
            ContractInfo c, long startNs, long buy, long sell) {
        WindowStats s = new WindowStats();
        for (int i = 0; i < 20; i++) {
            s.addTrade(Aggressor.BUY, buy / 20 + (i < buy % 20 ? 1 : 0), 100_000_000_000L, 50);
            s.addTrade(Aggressor.SELL, sell / 20 + (i < sell % 20 ? 1 : 0), 100_000_000_000L, 50);
        }
        return new StreamRecord<>(
                new ContractWindow(c, startNs, startNs + WINDOW_NS, s), startNs / 1_000_000L);
    }

    private static long at(LocalDate day) {
        return day.atTime(15, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
    }

    private static void closeWindowAt(Harness h, long startNs) throws Exception {
        h.watermark((startNs + WINDOW_NS) / 1_000_000L);
    }

    private static List<Rejection> rejections(Harness h) {
        List<Rejection> out = new ArrayList<>();
        var emitted = h.getSideOutput(DetectorFunction.REJECTIONS);
        if (emitted != null) {
            emitted.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    @Test
    void shouldRejectACallAndPutBoughtTogetherAsMarketMaking() throws Exception {
        try (var h = harness()) {
            h.open();
            long start = at(LocalDate.of(2026, 11, 2));
            h.processElement(window(contract(1, "C"), start, 300, 0));
            h.processElement(window(contract(2, "P"), start, 280, 0));
            closeWindowAt(h, start);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(rejections(h))
                    .hasSize(2)
                    .allSatisfy(
                            r -> {
                                assertThat(r.getFailedGates()).contains("market_making");
                                assertThat(r.getMmProbability()).isGreaterThan(0.3);
                            });
            assertThat(h.getSideOutput(DetectorFunction.PRESSURE)).hasSize(2);
        }
    }

    @Test
    void shouldStampTheUnderlyingsLastTradeAtTheWindowEndOnEachSignal() throws Exception {
        try (var h = harness(DetectorParams.exploratory())) {
            h.open();
            long start = at(LocalDate.of(2026, 11, 2));
            h.processBroadcastElement(futuresTrade(start + 60_000_000_000L, 20990.50));
            h.processBroadcastElement(futuresTrade(start + WINDOW_NS - 30_000_000_000L, 21000.25));
            h.processBroadcastElement(futuresTrade(start + WINDOW_NS + 1_000_000_000L, 21001.00));
            h.processElement(window(contract(1, "C"), start, 600, 5));
            closeWindowAt(h, start);
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            s ->
                                    assertThat(s.getUnderlyingPrice())
                                            .as(
                                                    "the last NQ trade at or before the window end, not the one after it")
                                            .isEqualTo(21_000_250_000_000L));
        }
    }

    /** A compat profile: the testing gates with the prototype's scoring, in the job. */
    private static DetectorParams compat() {
        return DetectorParams.exploratory().toBuilder()
                .algorithm("compat")
                .profile("compat-testing")
                .minTimePersistence(0.5)
                .minTrendStrength(0.5)
                .diagnostics(false)
                .build();
    }

    @Test
    void shouldScoreWithThePrototypesFormulaInCompatMode() throws Exception {
        try (var h = harness(compat())) {
            h.open();
            long start = at(LocalDate.of(2026, 11, 2));
            h.processElement(window(contract(1, "C"), start, 300, 100));
            closeWindowAt(h, start);
            List<Double> finals = new ArrayList<>();
            List<String> algorithms = new ArrayList<>();
            h.extractOutputValues()
                    .forEach(
                            s -> {
                                finals.add(s.getFinalConfidence());
                                algorithms.add(s.getAlgorithm());
                                assertThat(s.getComponents().getTrend())
                                        .as("the prototype's fixed trend")
                                        .isEqualTo(0.5);
                            });
            rejections(h)
                    .forEach(
                            r -> {
                                finals.add(r.getFinalConfidence());
                                algorithms.add(r.getAlgorithm());
                            });
            io.instflow.ifd.logic.CompatScorer.Result expected =
                    io.instflow.ifd.logic.CompatScorer.score(300, 100, 0.5, 0);
            assertThat(algorithms).containsExactly("compat");
            assertThat(finals)
                    .singleElement()
                    .satisfies(
                            f ->
                                    assertThat(f)
                                            .as(
                                                    "ratio 3, 40 trades (pressure confidence 0.5), no put partner")
                                            .isCloseTo(
                                                    expected.finalConfidence(),
                                                    org.assertj.core.api.Assertions.within(1e-12))
                                            .isLessThan(0.708));
        }
    }

    @Test
    void shouldBuildBaselinesFromPriorDaysOnlyAndKeepThemAcrossARestore() throws Exception {
        ContractInfo call = contract(1, "C");
        LocalDate day = LocalDate.of(2026, 11, 2);
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            for (int d = 0; d < 5; d++) {
                long start = at(day.plusDays(d));
                h.processElement(window(call, start, d % 2 == 0 ? 40 : 44, d % 2 == 0 ? 44 : 40));
                closeWindowAt(h, start);
            }
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(rejections(h)).as("balanced windows are no candidates").isEmpty();
            h.prepareSnapshotPreBarrier(1);
            snapshot = h.snapshot(1, 1);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            long start = at(day.plusDays(7));
            restored.processElement(window(call, start - WINDOW_NS, 40, 42));
            restored.processElement(window(call, start, 600, 5));
            closeWindowAt(restored, start);
            List<Double> quality = new ArrayList<>();
            List<Double> z = new ArrayList<>();
            restored.extractOutputValues()
                    .forEach(
                            s -> {
                                quality.add(s.getDataQuality());
                                z.add(s.getZScore());
                            });
            rejections(restored)
                    .forEach(
                            r -> {
                                quality.add(r.getDataQuality());
                                z.add(r.getZScore());
                            });
            assertThat(quality)
                    .as("5 prior days of the 20-day lookback, the current day excluded")
                    .containsExactly(0.25);
            assertThat(z)
                    .singleElement()
                    .satisfies(
                            v ->
                                    assertThat(v)
                                            .as("z against the restored baseline")
                                            .isGreaterThan(10));
        }
    }
}
