package io.instflow.ifd.functions;

import io.instflow.avro.BookSide;
import io.instflow.avro.DefinitionAction;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.avro.MboAction;
import io.instflow.avro.MboEvent;
import io.instflow.avro.Signal;
import io.instflow.book.Aggressor;
import io.instflow.contract.Deployment;
import io.instflow.contract.MetricRecords;
import io.instflow.ifd.io.DefinitionsLoader;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ifd.logic.StateRelease;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.FlowEvent;
import io.instflow.ifd.model.WindowStats;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyed state has an end: over a month of options expiring daily, each operator forgets an
 * instrument a grace after its expiration, so state stays bounded by what is alive.
 */
class StateReleaseTest {

    private static final int DAYS = 30;
    private static final long WAIT_MS = 600_000;
    private static final long DAY_MS = 86_400_000L;
    private static final long FIRST_DAY_MS =
            LocalDate.of(2026, 11, 2).toEpochSecond(java.time.LocalTime.MIDNIGHT, ZoneOffset.UTC)
                    * 1000;
    private static final MetricRecords METRICS =
            new MetricRecords(new Deployment("ifd-test"), "testing");

    /** The daily option listed on day {@code d}, expiring at 21:00 UTC that day. */
    private static ContractInfo daily(int d) {
        ContractInfo c = PressureWindowFunctionTest.call();
        c.instrumentId = 1000 + d;
        c.rawSymbol = "Q" + d + " C21000";
        c.expiration = (FIRST_DAY_MS + d * DAY_MS + 21 * 3_600_000L) * 1_000_000L;
        return c;
    }

    private static FlowEvent trade(ContractInfo c, long tsMs) {
        FlowEvent e = new FlowEvent();
        e.kind = FlowEvent.TRADE;
        e.instrumentId = c.instrumentId;
        e.tsEvent = tsMs * 1_000_000L;
        e.aggressor = Aggressor.BUY;
        e.size = 10;
        e.price = 100_000_000_000L;
        e.contract = c;
        return e;
    }

    /** 5-minute pressure windows in a harness, opened. */
    private static KeyedOneInputStreamOperatorTestHarness<Long, FlowEvent, ContractWindow>
            pressureWindows() throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new WriteBackProcessOperator<>(new PressureWindowFunction(5, 50, METRICS)),
                        (FlowEvent e) -> e.instrumentId,
                        Types.LONG);
        h.open();
        return h;
    }

    @Test
    void shouldForgetEachContractsWindowsADayAfterItExpires() throws Exception {
        try (var h = pressureWindows()) {
            int most = 0;
            for (int d = 0; d < DAYS; d++) {
                long noon = FIRST_DAY_MS + d * DAY_MS + 12 * 3_600_000L;
                h.processElement(new StreamRecord<>(trade(daily(d), noon), noon));
                h.processWatermark(noon + DAY_MS / 2);
                h.prepareSnapshotPreBarrier(d);
                most = Math.max(most, h.numKeyedStateEntries());
            }
            assertThat(h.extractOutputValues()).as("every day's window was emitted").hasSize(DAYS);
            assertThat(most)
                    .as("at most the contracts within their grace")
                    .isLessThanOrEqualTo(3 * 2);
            long lastNoon = FIRST_DAY_MS + (DAYS - 1) * DAY_MS + 12 * 3_600_000L + DAY_MS / 2;
            h.processElement(
                    new StreamRecord<>(trade(daily(DAYS - 1), lastNoon + 1), lastNoon + 1));
            h.processWatermark(FIRST_DAY_MS + (DAYS + 2) * DAY_MS);
            h.prepareSnapshotPreBarrier(DAYS);
            assertThat(h.numKeyedStateEntries())
                    .as("a contract in memory when it is released")
                    .isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void shouldCountAnEventStampedAfterItsContractsReleaseAsLate() throws Exception {
        try (var h = pressureWindows()) {
            ContractInfo expiring = daily(0);
            long noon = FIRST_DAY_MS + 12 * 3_600_000L;
            h.processElement(new StreamRecord<>(trade(expiring, noon), noon));
            h.prepareSnapshotPreBarrier(1);
            long afterRelease = StateRelease.atMs(expiring.expiration) + 60_000;
            h.processElement(new StreamRecord<>(trade(expiring, afterRelease), afterRelease));
            h.prepareSnapshotPreBarrier(2);
            h.processWatermark(afterRelease + DAY_MS);
            h.prepareSnapshotPreBarrier(3);
            long afterReleased = afterRelease + DAY_MS + 60_000;
            h.processElement(new StreamRecord<>(trade(expiring, afterReleased), afterReleased));
            h.prepareSnapshotPreBarrier(4);
            h.processWatermark(afterReleased + DAY_MS);
            h.prepareSnapshotPreBarrier(5);
            assertThat(h.extractOutputValues())
                    .as("the window before the release only")
                    .singleElement()
                    .satisfies(w -> assertThat(w.windowStart).isEqualTo(noon * 1_000_000L));
            assertThat(h.getSideOutput(PressureWindowFunction.LATE))
                    .as("the events stamped after the release, before and after it fired")
                    .hasSize(2)
                    .allSatisfy(
                            m -> {
                                assertThat(m.getValue().getName()).isEqualTo("late_records");
                                assertThat(m.getValue().getValue()).isEqualTo(1.0);
                            });
            assertThat(h.numKeyedStateEntries()).as("state of the released contract").isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void shouldForgetAnExpirationsDetectorHistoryADayAfterItExpires() throws Exception {
        var function =
                new DetectorFunction(
                        DetectorParams.exploratory(), 5, Deployment.ifd("exploratory", ""));
        try (var h =
                new KeyedBroadcastOperatorTestHarness<String, ContractWindow, FlowEvent, Signal>(
                        new WriteBackBroadcastOperator<>(function, List.of(FuturesPrices.STATE)),
                        DetectorFunction::key,
                        Types.STRING,
                        1,
                        1,
                        0)) {
            h.open();
            int most = 0;
            for (int d = 0; d < DAYS; d++) {
                long start = FIRST_DAY_MS + d * DAY_MS + 12 * 3_600_000L;
                WindowStats s = new WindowStats();
                s.addTrade(Aggressor.BUY, 200, 100_000_000_000L, 50);
                h.processElement(
                        new ContractWindow(
                                daily(d), start * 1_000_000L, (start + 300_000) * 1_000_000L, s),
                        start);
                h.watermark(start + DAY_MS / 2);
                most = Math.max(most, entriesAtCheckpoint(h));
            }
            assertThat(most)
                    .as("histories of the expirations within their grace")
                    .isLessThanOrEqualTo(3);
            h.watermark(FIRST_DAY_MS + (DAYS + 2) * DAY_MS);
            assertThat(entriesAtCheckpoint(h)).isZero();
        }
    }

    @Test
    void shouldForgetABookADayAfterItsContractExpiresOrAtOnceWhenItIsDeleted() throws Exception {
        Map<Long, ContractInfo> known = new HashMap<>();
        for (int d = 0; d < DAYS; d++) {
            known.put(daily(d).instrumentId, daily(d));
        }
        DefinitionsLoader preload = () -> known;
        try (var h =
                new KeyedBroadcastOperatorTestHarness<
                        Long, MboEvent, InstrumentDefinition, FlowEvent>(
                        new WriteBackBroadcastOperator<>(
                                new BookFunction(
                                        50, 2000, preload, METRICS, "md.glbx-mdp3.mbo", WAIT_MS),
                                List.of(BookFunction.DEFINITIONS)),
                        MboEvent::getInstrumentId,
                        Types.LONG,
                        1,
                        1,
                        0)) {
            h.open();
            int most = 0;
            for (int d = 0; d < DAYS; d++) {
                long noon = FIRST_DAY_MS + d * DAY_MS + 12 * 3_600_000L;
                h.processElement(new StreamRecord<>(add(daily(d).instrumentId, noon), noon));
                h.watermark(noon + DAY_MS / 2);
                most = Math.max(most, entriesAtCheckpoint(h));
            }
            assertThat(most)
                    .as("books of the contracts within their grace")
                    .isLessThanOrEqualTo(3 * 2);
            long lastNoon = FIRST_DAY_MS + (DAYS - 1) * DAY_MS + 12 * 3_600_000L + DAY_MS / 2;
            h.processElement(
                    new StreamRecord<>(add(daily(DAYS - 1).instrumentId, lastNoon), lastNoon));
            h.watermark(FIRST_DAY_MS + (DAYS + 2) * DAY_MS);
            assertThat(entriesAtCheckpoint(h))
                    .as("a book in memory when its contract is released")
                    .isZero();

            long noon = FIRST_DAY_MS + (DAYS + 3) * DAY_MS;
            ContractInfo later = daily(DAYS + 5);
            known.put(later.instrumentId, later);
            h.processElement(new StreamRecord<>(add(later.instrumentId, noon), noon));
            assertThat(entriesAtCheckpoint(h)).isPositive();
            h.processElement(new StreamRecord<>(add(later.instrumentId, noon + 1), noon + 1));
            h.processBroadcastElement(new StreamRecord<>(deleted(later.instrumentId), noon + 1));
            assertThat(entriesAtCheckpoint(h))
                    .as("a deleted instrument's book goes at once, in memory too")
                    .isZero();
        }
    }

    @Test
    void shouldDeadLetterAndCountEventsWhoseDefinitionNeverCame() throws Exception {
        DefinitionsLoader none = DefinitionsLoader.NONE;
        try (var h =
                new KeyedBroadcastOperatorTestHarness<
                        Long, MboEvent, InstrumentDefinition, FlowEvent>(
                        new CoBroadcastWithKeyedOperator<>(
                                new BookFunction(
                                        50, 2000, none, METRICS, "md.glbx-mdp3.mbo", WAIT_MS),
                                List.of(BookFunction.DEFINITIONS)),
                        MboEvent::getInstrumentId,
                        Types.LONG,
                        1,
                        1,
                        0)) {
            h.open();
            long noon = FIRST_DAY_MS + 12 * 3_600_000L;
            h.processElement(new StreamRecord<>(add(77, noon), noon));
            MboEvent second = MboEvent.newBuilder(add(77, noon + 1)).setOrderId(2).build();
            h.processElement(new StreamRecord<>(second, noon + 1));
            h.watermark(noon + WAIT_MS - 1);
            assertThat(undefined(h)).as("still waiting").isEmpty();
            h.watermark(noon + WAIT_MS + 1);
            var reported = undefined(h);
            assertThat(reported).hasSize(1);
            assertThat(reported.get(0).getValue()).isEqualTo(1.0);
            assertThat(reported.get(0).getTags()).containsEntry("instrument_id", "77");
            var letters = h.getSideOutput(BookFunction.UNDEFINED);
            assertThat(letters).hasSize(1);
            var letter = letters.peek().getValue();
            assertThat(letter.topic).isEqualTo("md.glbx-mdp3.mbo");
            assertThat(new String(letter.key, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("77");
            assertThat(letter.reason)
                    .startsWith("no definition: instrument 77, 1 ")
                    .contains("waited " + WAIT_MS + " ms");
            assertThat(letter.kind()).isEqualTo("no definition");
        }
    }

    private static List<io.instflow.avro.PipelineMetric> undefined(
            KeyedBroadcastOperatorTestHarness<Long, MboEvent, InstrumentDefinition, FlowEvent> h) {
        var all = h.getSideOutput(BookFunction.ANOMALIES);
        return all == null
                ? List.of()
                : all.stream()
                        .map(r -> r.getValue())
                        .filter(m -> m.getName().equals("undefined_instrument_events"))
                        .toList();
    }

    /** Keyed state entries once what is in memory is written back, as for a checkpoint. */
    private static int entriesAtCheckpoint(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h)
            throws Exception {
        h.prepareSnapshotPreBarrier(0);
        return entries(h);
    }

    /** Keyed state entries of a broadcast operator (its harness has no such count). */
    private static int entries(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        return ((HeapKeyedStateBackend<?>) h.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private static MboEvent add(long instrumentId, long tsMs) {
        return MboEvent.newBuilder(BookFunctionTest.mbo(MboAction.ADD, 1, 5))
                .setInstrumentId(instrumentId)
                .setTsEvent(tsMs * 1_000_000L)
                .setTsRecv(tsMs * 1_000_000L)
                .setSide(BookSide.BID)
                .build();
    }

    private static InstrumentDefinition deleted(long instrumentId) {
        return BookFunctionTest.definition(instrumentId, DefinitionAction.DELETE);
    }
}
