package io.instflow.ifd.functions;

import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.book.Aggressor;
import io.instflow.contract.Deployment;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.FlowEvent;
import io.instflow.ifd.model.WindowStats;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detector's histories and pools held in memory between checkpoints: whatever checkpoint a job
 * restores from, the signals, rejections and pressure records it emits afterwards are those of an
 * uninterrupted run, on the heap and on RocksDB, with an expiration released on the way.
 */
class DetectorWriteBackTest {

    private static final long WINDOW_MS = 300_000;
    private static final long DAY_MS = 86_400_000L;
    private static final long FIRST_DAY_MS =
            LocalDate.of(2026, 11, 2).toEpochSecond(java.time.LocalTime.MIDNIGHT, ZoneOffset.UTC)
                    * 1000;
    private static final int DAYS = 8;

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldEmitTheUninterruptedDecisionsAfterARestoreFromAnyCheckpoint(String backend)
            throws Exception {
        List<Input> inputs = randomSession(11);
        Emitted uninterrupted = run(inputs, Integer.MAX_VALUE, backend);
        assertThat(uninterrupted.signals).hasSizeGreaterThan(5);
        assertThat(uninterrupted.rejections).hasSizeGreaterThan(20);
        for (int every : new int[] {11, 61, 500}) {
            Emitted restored = run(inputs, every, backend);
            assertThat(restored.signals)
                    .as("signals, restored every %d inputs", every)
                    .containsExactlyElementsOf(uninterrupted.signals);
            assertThat(restored.rejections)
                    .as("rejections, restored every %d inputs", every)
                    .containsExactlyElementsOf(uninterrupted.rejections);
            assertThat(restored.pressure)
                    .as("pressure, restored every %d inputs", every)
                    .containsExactlyElementsOf(uninterrupted.pressure);
        }
    }

    /** A contract window to evaluate, or a futures trade (broadcast), or the watermark. */
    private record Input(ContractWindow window, FlowEvent trade, long watermarkMs) {}

    /** Signals, rejections and pressure records (as text), each in the order emitted. */
    private record Emitted(List<String> signals, List<String> rejections, List<String> pressure) {}

    /** What the operator emits, restored from a checkpoint every so many inputs. */
    private static Emitted run(List<Input> inputs, int restoreEvery, String backend)
            throws Exception {
        Emitted out = new Emitted(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        RestoredRuns.run(
                inputs.size(),
                restoreEvery,
                () -> harness(backend),
                (h, index) -> {
                    Input in = inputs.get(index);
                    if (in.window() != null) {
                        h.processElement(in.window(), in.window().windowStart / 1_000_000L);
                    } else if (in.trade() != null) {
                        h.processBroadcastElement(
                                new StreamRecord<>(in.trade(), in.trade().tsEvent / 1_000_000L));
                    } else {
                        h.watermark(in.watermarkMs());
                    }
                },
                h -> {
                    // emitted_at is the wall clock's, the one field a replay may not repeat
                    for (Signal s : h.extractOutputValues()) {
                        s.setEmittedAt(0L);
                        out.signals.add(s.toString());
                    }
                    var rejections = h.getSideOutput(DetectorFunction.REJECTIONS);
                    if (rejections != null) {
                        for (StreamRecord<Rejection> r : rejections) {
                            r.getValue().setEmittedAt(0L);
                            out.rejections.add(r.getValue().toString());
                        }
                    }
                    var pressure = h.getSideOutput(DetectorFunction.PRESSURE);
                    if (pressure != null) {
                        pressure.forEach(p -> out.pressure.add(p.getValue().toString()));
                    }
                });
        return out;
    }

    private static KeyedBroadcastOperatorTestHarness<String, ContractWindow, FlowEvent, Signal>
            harness(String backend) throws Exception {
        DetectorParams params =
                DetectorParams.exploratory().toBuilder()
                        .algorithm("v3.1")
                        .diagnostics(true)
                        .build();
        var h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new WriteBackBroadcastOperator<>(
                                new DetectorFunction(
                                        params, 5, Deployment.ifd(params.profile(), "")),
                                List.of(FuturesPrices.STATE)),
                        DetectorFunction::key,
                        Types.STRING,
                        1,
                        1,
                        0);
        h.setStateBackend(RestoredRuns.backend(backend));
        return h;
    }

    /**
     * Two underlyings over {@link #DAYS} days, a dozen windows a day: calls and puts on three
     * strikes each, a weekly of the first expiring on day 3, futures trades around each window, and
     * flow that leans one way on some windows and is balanced on others.
     */
    private static List<Input> randomSession(long seed) {
        Random random = new Random(seed);
        List<ContractInfo> contracts = new ArrayList<>();
        long quarterly = (FIRST_DAY_MS + 40 * DAY_MS) * 1_000_000L;
        long weekly = (FIRST_DAY_MS + 3 * DAY_MS + 21 * 3_600_000L) * 1_000_000L;
        for (String underlying : new String[] {"NQZ6", "NQH7"}) {
            for (int strike = 0; strike < 3; strike++) {
                for (String type : new String[] {"C", "P"}) {
                    contracts.add(
                            option(contracts.size() + 1, underlying, type, strike, quarterly));
                }
            }
        }
        for (String type : new String[] {"C", "P"}) {
            contracts.add(option(contracts.size() + 1, "NQZ6", type, 1, weekly));
        }
        List<Input> inputs = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            for (int k = 0; k < 12; k++) {
                long startMs = FIRST_DAY_MS + d * DAY_MS + 14 * 3_600_000L + k * 1_200_000L;
                for (String symbol : new String[] {"NQZ6", "NQH7"}) {
                    inputs.add(new Input(null, futuresTrade(symbol, startMs + 60_000, random), 0));
                }
                for (ContractInfo c : contracts) {
                    if (c.expiration / 1_000_000L > startMs && random.nextInt(10) < 7) {
                        inputs.add(new Input(window(c, startMs, random), null, 0));
                    }
                }
                inputs.add(new Input(null, null, startMs + WINDOW_MS));
            }
        }
        inputs.add(new Input(null, null, FIRST_DAY_MS + (DAYS + 1) * DAY_MS));
        return inputs;
    }

    private static ContractInfo option(
            long id, String underlying, String type, int strike, long expiration) {
        ContractInfo c = PressureWindowFunctionTest.call();
        c.instrumentId = id;
        c.instrumentClass = type;
        c.underlying = underlying;
        c.expiration = expiration;
        c.strike = (21_000L + 100L * strike) * 1_000_000_000L;
        c.rawSymbol = underlying + " " + type + (21_000 + 100 * strike) + " " + expiration;
        return c;
    }

    private static ContractWindow window(ContractInfo c, long startMs, Random random) {
        WindowStats s = new WindowStats();
        boolean leaning = random.nextInt(3) == 0;
        int buyAggressor = random.nextBoolean() ? Aggressor.BUY : Aggressor.SELL;
        int trades = 10 + random.nextInt(30);
        for (int i = 0; i < trades; i++) {
            int aggressor =
                    leaning && random.nextInt(5) > 0
                            ? buyAggressor
                            : random.nextBoolean() ? Aggressor.BUY : Aggressor.SELL;
            s.addTrade(aggressor, 1 + random.nextInt(40), 100_000_000_000L, 50);
            s.addQuote(random.nextInt(30), random.nextInt(30), random.nextInt(5_000_000));
        }
        return new ContractWindow(
                c.copy(), startMs * 1_000_000L, (startMs + WINDOW_MS) * 1_000_000L, s);
    }

    private static FlowEvent futuresTrade(String symbol, long tsMs, Random random) {
        FlowEvent e = new FlowEvent();
        e.kind = FlowEvent.TRADE;
        e.instrumentId = symbol.hashCode();
        e.tsEvent = tsMs * 1_000_000L;
        e.price = (21_000L + random.nextInt(300)) * 1_000_000_000L;
        e.size = 1;
        e.contract = PressureWindowFunctionTest.call();
        e.contract.instrumentClass = "F";
        e.contract.rawSymbol = symbol;
        e.contract.underlying = symbol;
        return e;
    }
}
