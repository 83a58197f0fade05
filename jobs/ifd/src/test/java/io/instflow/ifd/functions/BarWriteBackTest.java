package io.instflow.ifd.functions;

import io.instflow.avro.Bar;
import io.instflow.book.Aggressor;
import io.instflow.contract.Deployment;
import io.instflow.contract.MetricRecords;
import io.instflow.ifd.logic.BarAggregator;
import io.instflow.ifd.logic.TradingDate;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.FlowEvent;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Futures bars held in memory between checkpoints: the bars an uninterrupted run emits are those a
 * plain aggregation of the same trades gives, and whatever checkpoint a job restores from, the
 * bars, forming bars and late counts it emits afterwards are those of the uninterrupted run, on the
 * heap and on RocksDB.
 */
class BarWriteBackTest {

    private static final long MINUTE_MS = 60_000;

    /** 16:40 Chicago: the trades run across the 17:00 session roll. */
    private static final long START_MS =
            ZonedDateTime.of(2026, 11, 24, 16, 40, 0, 0, ZoneId.of("America/Chicago"))
                    .toInstant()
                    .toEpochMilli();

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldEmitTheBarsOfAPlainAggregationOfTheTradesThatWereNotLate(String backend)
            throws Exception {
        List<FlowEvent> events = randomTrades(11, 1_500);
        Emitted uninterrupted = run(events, Integer.MAX_VALUE, backend);
        for (int minutes : new int[] {1, 5}) {
            List<Bar> emitted =
                    uninterrupted.bars.stream()
                            .filter(b -> b.getIntervalSeconds() == minutes * 60)
                            .toList();
            List<Bar> expected = plainBars(events, uninterrupted.lateAt, minutes);
            assertThat(emitted).as("%d-minute bars", minutes).hasSizeGreaterThan(10);
            assertThat(emitted.stream().map(BarWriteBackTest::sortKey).sorted().toList())
                    .as("%d-minute bars", minutes)
                    .containsExactlyElementsOf(
                            expected.stream().map(BarWriteBackTest::sortKey).sorted().toList());
        }
        assertThat(uninterrupted.late).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldEmitTheUninterruptedBarsAfterARestoreFromAnyCheckpoint(String backend)
            throws Exception {
        List<FlowEvent> events = randomTrades(12, 1_500);
        Emitted uninterrupted = run(events, Integer.MAX_VALUE, backend);
        for (int every : new int[] {7, 61, 500}) {
            Emitted restored = run(events, every, backend);
            assertThat(restored.bars)
                    .as("bars, restored every %d events", every)
                    .containsExactlyElementsOf(uninterrupted.bars);
            assertThat(restored.forming)
                    .as("forming bars, restored every %d events", every)
                    .containsExactlyElementsOf(uninterrupted.forming);
            assertThat(restored.late)
                    .as("late trades, restored every %d events", every)
                    .containsExactlyElementsOf(uninterrupted.late);
        }
    }

    /**
     * What the operator emits, in order, and the watermark each event met on arrival (its bars of a
     * length ending at or before it are late).
     */
    private record Emitted(
            List<Bar> bars, List<Bar> forming, List<String> late, List<Long> lateAt) {}

    /** What the operator emits, restored from a checkpoint every so many events. */
    private static Emitted run(List<FlowEvent> events, int restoreEvery, String backend)
            throws Exception {
        Emitted out =
                new Emitted(
                        new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long[] watermark = {Long.MIN_VALUE};
        RestoredRuns.run(
                events.size(),
                restoreEvery,
                () -> harness(backend),
                // a restored job's watermark starts over from its sources; what is tested here is
                // the state, so the operator gets back the watermark it had
                h -> h.processWatermark(watermark[0]),
                (h, index) -> {
                    FlowEvent e = events.get(index);
                    long ms = e.tsEvent / 1_000_000L;
                    out.lateAt.add(watermark[0]);
                    h.processElement(new StreamRecord<>(e, ms));
                    if (index % 10 == 9 && ms - 30_000 > watermark[0]) {
                        watermark[0] = ms - 30_000;
                        h.processWatermark(watermark[0]);
                    }
                    if (index == events.size() - 1) {
                        watermark[0] = START_MS + 60 * MINUTE_MS;
                        h.processWatermark(watermark[0]);
                    }
                },
                h -> {
                    out.bars.addAll(h.extractOutputValues());
                    var forming = h.getSideOutput(BarFunction.FORMING);
                    if (forming != null) {
                        forming.forEach(b -> out.forming.add(b.getValue()));
                    }
                    var late = h.getSideOutput(BarFunction.LATE);
                    if (late != null) {
                        late.forEach(
                                m ->
                                        out.late.add(
                                                m.getValue().getTags()
                                                        + " "
                                                        + m.getValue().getWindowStart()));
                    }
                });
        return out;
    }

    /**
     * The bars of {@code minutes} a plain aggregation of the trades that were not late gives, with
     * the cumulative delta of each future's session running over them in order.
     */
    private static List<Bar> plainBars(List<FlowEvent> events, List<Long> lateAt, int minutes) {
        long lengthNs = minutes * MINUTE_MS * 1_000_000L;
        BarAggregator aggregator = new BarAggregator(minutes);
        for (int i = 0; i < events.size(); i++) {
            FlowEvent e = events.get(i);
            long endMs = (BarAggregator.start(e.tsEvent, lengthNs) + lengthNs) / 1_000_000L;
            if (endMs - 1 > lateAt.get(i)) {
                aggregator.add(e.instrumentId, e.tsEvent, e.price, e.size, e.aggressor);
            }
        }
        Map<Long, long[]> sessionAndDelta = new HashMap<>();
        List<Bar> bars = new ArrayList<>();
        for (BarAggregator.Bar b : aggregator.bars()) {
            long session = TradingDate.of(b.startNs());
            long[] running = sessionAndDelta.get(b.instrumentId());
            long before = running != null && running[0] == session ? running[1] : 0;
            long cumulative = before + b.state().delta();
            sessionAndDelta.put(b.instrumentId(), new long[] {session, cumulative});
            bars.add(
                    Bar.newBuilder()
                            .setSymbol(future(b.instrumentId()).rawSymbol)
                            .setInstrumentId(b.instrumentId())
                            .setIntervalSeconds(minutes * 60)
                            .setWindowStart(b.startNs())
                            .setWindowEnd(b.startNs() + lengthNs)
                            .setOpen(b.state().open)
                            .setHigh(b.state().high)
                            .setLow(b.state().low)
                            .setClose(b.state().close)
                            .setVolume(b.state().volume)
                            .setBuyVolume(b.state().buyVolume)
                            .setSellVolume(b.state().sellVolume)
                            .setUnknownVolume(b.state().unknownVolume)
                            .setDelta(b.state().delta())
                            .setCumulativeDelta(cumulative)
                            .setTrades(b.state().trades)
                            .setVwap(Math.round(b.state().priceVolume / b.state().volume * 1e9))
                            .build());
        }
        return bars;
    }

    private static String sortKey(Bar b) {
        return b.getInstrumentId() + "/" + b.getWindowStart() + " " + b;
    }

    private static KeyedOneInputStreamOperatorTestHarness<Long, FlowEvent, Bar> harness(
            String backend) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new WriteBackProcessOperator<>(
                                new BarFunction(
                                        new MetricRecords(new Deployment("ifd-test"), "testing"))),
                        (FlowEvent e) -> e.instrumentId,
                        Types.LONG);
        h.setStateBackend(RestoredRuns.backend(backend));
        return h;
    }

    private static ContractInfo future(long instrumentId) {
        ContractInfo c = new ContractInfo();
        c.instrumentId = instrumentId;
        c.rawSymbol = instrumentId == 1 ? "NQZ6" : "NQH7";
        c.instrumentClass = "F";
        c.root = "NQ";
        c.underlying = c.rawSymbol;
        c.expiration = 1_797_604_200_000_000_000L;
        return c;
    }

    /**
     * Trades of two futures over 40 minutes across a session roll, a tenth of them up to 90 s
     * behind the others (so some are late and several bars of a future are open at once).
     */
    private static List<FlowEvent> randomTrades(long seed, int count) {
        Random random = new Random(seed);
        List<FlowEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FlowEvent e = new FlowEvent();
            e.kind = FlowEvent.TRADE;
            e.contract = future(1 + random.nextInt(2));
            e.instrumentId = e.contract.instrumentId;
            long ms =
                    START_MS + i * 1_600L - (random.nextInt(10) == 0 ? random.nextInt(90_000) : 0);
            e.tsEvent = ms * 1_000_000L + random.nextInt(1_000_000);
            int side = random.nextInt(5);
            e.aggressor = side < 2 ? Aggressor.BUY : side < 4 ? Aggressor.SELL : Aggressor.UNKNOWN;
            e.size = 1 + random.nextInt(40);
            e.price = 21_000_000_000_000L + random.nextInt(40) * 250_000_000L;
            events.add(e);
        }
        return events;
    }
}
