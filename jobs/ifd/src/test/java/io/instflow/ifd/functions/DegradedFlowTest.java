package io.instflow.ifd.functions;

import io.instflow.avro.BarchartOptionQuote;
import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.book.Aggressor;
import io.instflow.ifd.io.SwitchesLoader;
import io.instflow.ifd.model.FlowEvent;
import io.instflow.ifd.model.WindowStats;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's degraded mode: Barchart snapshots become estimated flow per contract, stamped, and the
 * gate keeps every window to the source that governs it.
 */
class DegradedFlowTest {

    private static final String RAW = "QN4M5 C21900";

    /** 2025-06-27 13:00 CT, inside the session that opened 2025-06-26 17:00 CT. */
    private static final long T1 = Instant.parse("2025-06-27T18:00:00Z").toEpochMilli();

    private static BarchartOptionQuote quote(
            long observedMs, long sessionVolume, Long bid, Long ask, Long last) {
        return BarchartOptionQuote.newBuilder()
                .setAccess("header-only")
                .setBarchartSymbol("MQ4M5|21900C")
                .setCmeRoot("QN4")
                .setRawSymbol(RAW)
                .setStrikePrice(21_900_000_000_000L)
                .setOptionType("CALL")
                .setBid(bid)
                .setAsk(ask)
                .setLast(last)
                .setSettlement(false)
                .setSessionVolume(sessionVolume)
                .setObservedAt(observedMs * 1_000_000L)
                .setDelayMs(600_000L)
                .build();
    }

    private static InstrumentDefinition definition() {
        return InstrumentDefinition.newBuilder()
                .setDataset("GLBX.MDP3")
                .setPublisherId(1)
                .setInstrumentId(77)
                .setTsEvent(0)
                .setTsRecv(0)
                .setRawSymbol(RAW)
                .setInstrumentClass("C")
                .setSecurityType("OOF")
                .setAsset("QN4")
                .setGroup("QN")
                .setExchange("XCME")
                .setCfi("OCAFPS")
                .setCurrency("USD")
                .setUnderlying("NQU5")
                .setStrikePrice(21_900_000_000_000L)
                .setUnitOfMeasureQty(20_000_000_000L)
                .setSecurityUpdateAction(io.instflow.avro.DefinitionAction.ADD)
                .build();
    }

    @Test
    void shouldTurnSnapshotsIntoEstimatedFlowOfThisSession() throws Exception {
        var operator =
                new CoBroadcastWithKeyedOperator<
                        String, BarchartOptionQuote, InstrumentDefinition, FlowEvent>(
                        new BarchartFlowFunction(io.instflow.ifd.io.DefinitionsLoader.NONE),
                        List.of(BarchartFlowFunction.BY_RAW_SYMBOL));
        try (var h =
                new KeyedBroadcastOperatorTestHarness<>(
                        operator, BarchartOptionQuote::getRawSymbol, Types.STRING, 1, 1, 0)) {
            h.open();
            h.processBroadcastElement(new StreamRecord<>(definition(), 0));
            long e9 = 1_000_000_000L;
            h.processElement(
                    new StreamRecord<>(quote(T1, 10, 80 * e9, 82 * e9, 82 * e9), T1 - 600_000));
            h.processElement(
                    new StreamRecord<>(
                            quote(T1 + 120_000, 25, 80 * e9, 82 * e9, 82 * e9), T1 - 480_000));
            h.processElement(
                    new StreamRecord<>(
                            quote(T1 + 240_000, 20, 80 * e9, 82 * e9, 80 * e9), T1 - 360_000));
            h.processElement(
                    new StreamRecord<>(
                            quote(T1 + 360_000, 24, 80 * e9, 82 * e9, 80 * e9), T1 - 240_000));
            List<FlowEvent> flow = h.extractOutputValues();
            assertThat(flow)
                    .as("the first snapshot is a baseline; the drop to 20 is a data error")
                    .hasSize(2);
            FlowEvent bought = flow.get(0);
            assertThat(bought.size).isEqualTo(15);
            assertThat(bought.aggressor).as("last at the ask").isEqualTo(Aggressor.BUY);
            assertThat(bought.degraded).isTrue();
            assertThat(bought.delayMs).isEqualTo(600_000);
            assertThat(bought.instrumentId).isEqualTo(77);
            assertThat(bought.tsEvent).isEqualTo((T1 - 480_000) * 1_000_000L);
            assertThat(flow.get(1).size).isEqualTo(4);
            assertThat(flow.get(1).aggressor).as("last at the bid").isEqualTo(Aggressor.SELL);

            h.processElement(
                    new StreamRecord<>(
                            BarchartOptionQuote.newBuilder(quote(T1, 5, null, null, null))
                                    .setRawSymbol("QN4M5 C99999")
                                    .build(),
                            T1));
            assertThat(h.extractOutputValues()).as("no definition, no flow").hasSize(2);
        }
    }

    @Test
    void shouldKeepEachWindowToTheSourceThatGovernsIt() throws Exception {
        long window = 300_000;
        long failover = (T1 / window + 1) * window;
        long failback = failover + 3 * window;
        try (var h =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new SourceGateFunction(5, SwitchesLoader.NONE),
                        SourceGateFunction.SWITCHES)) {
            h.processBroadcastElement(transition(FeedStatusKind.FAILOVER, failover), 0);
            h.processBroadcastElement(transition(FeedStatusKind.FAILBACK, failback), 0);
            h.processElement(event(T1, false), T1);
            h.processElement(event(T1, true), T1);
            h.processElement(event(failover + 1_000, false), failover);
            h.processElement(event(failover + 1_000, true), failover);
            h.processElement(event(failback - 1, true), failback - 1);
            h.processElement(event(failback, true), failback);
            h.processElement(event(failback, false), failback);
            assertThat(h.extractOutputValues())
                    .extracting(e -> e.tsEvent / 1_000_000L + (e.degraded ? "B" : "D"))
                    .containsExactly(
                            T1 + "D",
                            (failover + 1_000) + "B",
                            (failback - 1) + "B",
                            failback + "D");
        }
    }

    @Test
    void shouldGateByTheSwitchesPublishedBeforeStartWhenFlowOvertakesTheirBroadcast()
            throws Exception {
        long window = 300_000;
        long failover = (T1 / window + 1) * window;
        SwitchesLoader published =
                () -> Map.of(failover, "BARCHART", failover + window, "DATABENTO");
        try (var h =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new SourceGateFunction(5, published), SourceGateFunction.SWITCHES)) {
            h.processElement(event(failover + 1_000, false), failover);
            h.processElement(event(failover + 1_000, true), failover);
            h.processElement(event(failover + window, false), failover + window);
            h.processElement(event(failover + window, true), failover + window);
            h.processBroadcastElement(
                    transition(FeedStatusKind.FAILOVER, failover + 2 * window), 0);
            h.processElement(event(failover + 2 * window, true), failover + 2 * window);
            assertThat(h.extractOutputValues())
                    .extracting(e -> e.tsEvent / 1_000_000L + (e.degraded ? "B" : "D"))
                    .containsExactly(
                            (failover + 1_000) + "B",
                            (failover + window) + "D",
                            (failover + 2 * window) + "B");
        }
    }

    @Test
    void shouldStampWindowsBuiltFromEstimatedFlow() {
        WindowStats mbo = new WindowStats();
        mbo.addTrade(Aggressor.BUY, 5, 100_000_000_000L, 50);
        assertThat(mbo.degraded).isFalse();
        WindowStats estimated = new WindowStats();
        estimated.addEstimatedFlow(Aggressor.SELL, 7, 100_000_000_000L, 50, 610_000);
        assertThat(estimated.degraded).isTrue();
        assertThat(new WindowStats().merge(estimated).delayMs).isEqualTo(610_000);
    }

    private static FeedStatus transition(FeedStatusKind kind, long fromMs) {
        return FeedStatus.newBuilder()
                .setTs(0)
                .setSource("failover")
                .setDataset("GLBX.MDP3")
                .setKind(kind)
                .setMessage(kind.name())
                .setEffectiveFrom(fromMs * 1_000_000L)
                .build();
    }

    private static FlowEvent event(long tsMs, boolean degraded) {
        FlowEvent e = new FlowEvent();
        e.kind = FlowEvent.TRADE;
        e.tsEvent = tsMs * 1_000_000L;
        e.degraded = degraded;
        return e;
    }
}
