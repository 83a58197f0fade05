package io.instflow.ifd.functions;

import io.instflow.avro.BookSide;
import io.instflow.avro.DefinitionAction;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.avro.MboAction;
import io.instflow.avro.MboEvent;
import io.instflow.avro.PipelineMetric;
import io.instflow.contract.Deployment;
import io.instflow.contract.MetricRecords;
import io.instflow.ifd.io.DefinitionsLoader;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.FlowEvent;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order-book operator: impossible book events reach the metrics topic, not only Flink's
 * metrics.
 */
class BookFunctionTest {

    private static final long ID = 7;

    static MboEvent mbo(MboAction action, long orderId, long size) {
        return MboEvent.newBuilder()
                .setDataset("GLBX.MDP3")
                .setPublisherId(1)
                .setInstrumentId(ID)
                .setTsEvent(1_000L)
                .setTsRecv(1_000L)
                .setTsInDelta(0)
                .setOrderId(orderId)
                .setPrice(100_000_000_000L)
                .setSize(size)
                .setAction(action)
                .setSide(BookSide.BID)
                .setFlags(128)
                .setChannelId(0)
                .setSequence(1)
                .setTsOut(null)
                .build();
    }

    /** Instrument {@link #ID} known at start, as a call. */
    private static DefinitionsLoader callDefinedAtStart() {
        ContractInfo call = PressureWindowFunctionTest.call();
        call.instrumentId = ID;
        return () -> Map.of(ID, call);
    }

    @Test
    void shouldReportOnlyNewAnomaliesOfABookWrittenBackAndReadAgain() throws Exception {
        try (var h = harness(callDefinedAtStart())) {
            h.open();
            h.processElement(new StreamRecord<>(mbo(MboAction.CANCEL, 98, 5), 1));
            h.processElement(new StreamRecord<>(mbo(MboAction.CANCEL, 99, 5), 1));
            h.prepareSnapshotPreBarrier(1);
            h.snapshot(1, 1);
            h.processElement(new StreamRecord<>(mbo(MboAction.ADD, 1, 5), 1));
            h.processElement(new StreamRecord<>(mbo(MboAction.CANCEL, 97, 5), 1));
            assertThat(h.getSideOutput(BookFunction.ANOMALIES))
                    .extracting(r -> r.getValue().getValue())
                    .as("one metric per unknown cancel, each counting one")
                    .containsExactly(1.0, 1.0, 1.0);
        }
    }

    @Test
    void shouldReportEachBookAnomalyAsAMetric() throws Exception {
        try (var h = harness(callDefinedAtStart())) {
            h.open();
            h.processElement(new StreamRecord<>(mbo(MboAction.ADD, 1, 5), 1));
            h.processElement(new StreamRecord<>(mbo(MboAction.CANCEL, 99, 5), 1));
            List<PipelineMetric> anomalies =
                    h.getSideOutput(BookFunction.ANOMALIES).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertThat(anomalies)
                    .singleElement()
                    .satisfies(
                            m -> {
                                assertThat(m.getName()).isEqualTo("book_anomalies");
                                assertThat(m.getValue()).isEqualTo(1.0);
                                assertThat(m.getTags())
                                        .containsEntry("instrument_id", "7")
                                        .containsEntry("action", "C");
                                assertThat(m.getJob()).isEqualTo("ifd-test");
                            });
        }
    }

    @Test
    void shouldUseADefinitionThatArrivesWhileTheBookIsInMemory() throws Exception {
        try (var h = harness(DefinitionsLoader.NONE)) {
            h.open();
            h.processElement(new StreamRecord<>(mbo(MboAction.ADD, 1, 5), 1));
            h.processElement(new StreamRecord<>(mbo(MboAction.ADD, 2, 5), 1));
            assertThat(h.extractOutputValues()).as("waiting for the definition").isEmpty();
            h.processBroadcastElement(new StreamRecord<>(definition(ID, DefinitionAction.ADD), 1));
            assertThat(h.extractOutputValues()).as("the waiting quote, released").hasSize(1);
            h.processElement(new StreamRecord<>(mbo(MboAction.ADD, 3, 5), 1));
            assertThat(h.extractOutputValues())
                    .as("a quote after the definition goes out at once, with its contract")
                    .hasSize(2)
                    .allSatisfy(q -> assertThat(q.contract.rawSymbol).isEqualTo("NQZ6 C21000"));
        }
    }

    @Test
    void shouldReleaseEventsThatWaitedAcrossARestoreWhenTheirDefinitionArrives() throws Exception {
        OperatorSubtaskState checkpoint;
        try (var h = harness(DefinitionsLoader.NONE)) {
            h.open();
            h.processElement(new StreamRecord<>(mbo(MboAction.ADD, 1, 5), 1));
            h.processElement(new StreamRecord<>(mbo(MboAction.ADD, 2, 5), 1));
            assertThat(h.extractOutputValues()).as("waiting for the definition").isEmpty();
            h.prepareSnapshotPreBarrier(1);
            checkpoint = h.snapshot(1, 1);
        }
        try (var h = harness(DefinitionsLoader.NONE)) {
            h.initializeState(checkpoint);
            h.open();
            h.processBroadcastElement(new StreamRecord<>(definition(8, DefinitionAction.ADD), 1));
            assertThat(h.extractOutputValues()).as("another instrument's definition").isEmpty();
            h.processBroadcastElement(new StreamRecord<>(definition(ID, DefinitionAction.ADD), 1));
            assertThat(h.extractOutputValues())
                    .as("the quote that waited across the restore, released")
                    .singleElement()
                    .satisfies(q -> assertThat(q.instrumentId).isEqualTo(ID));
        }
    }

    @Test
    void shouldReleaseEventsThatStartedWaitingAfterOtherDefinitionsArrived() throws Exception {
        try (var h = harness(DefinitionsLoader.NONE)) {
            h.open();
            h.processBroadcastElement(new StreamRecord<>(definition(8, DefinitionAction.ADD), 1));
            h.processElement(new StreamRecord<>(mbo(MboAction.ADD, 1, 5), 1));
            h.processElement(new StreamRecord<>(mbo(MboAction.ADD, 2, 5), 1));
            assertThat(h.extractOutputValues()).as("waiting for the definition").isEmpty();
            h.processBroadcastElement(new StreamRecord<>(definition(ID, DefinitionAction.ADD), 1));
            assertThat(h.extractOutputValues())
                    .as("the waiting quote, released")
                    .singleElement()
                    .satisfies(q -> assertThat(q.contract.instrumentId).isEqualTo(ID));
        }
    }

    /**
     * The book operator as the job wires it (spoofing: 50 lots within 2 s; definitions waited for
     * 10 minutes), with its harness.
     */
    static KeyedBroadcastOperatorTestHarness<Long, MboEvent, InstrumentDefinition, FlowEvent>
            harness(DefinitionsLoader preload) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new WriteBackBroadcastOperator<>(
                        new BookFunction(
                                50,
                                2000,
                                preload,
                                new MetricRecords(new Deployment("ifd-test"), "testing"),
                                "md.glbx-mdp3.mbo",
                                600_000),
                        List.of(BookFunction.DEFINITIONS)),
                MboEvent::getInstrumentId,
                Types.LONG,
                1,
                1,
                0);
    }

    /** A definition of an NQ call, added, modified or deleted. */
    static InstrumentDefinition definition(long instrumentId, DefinitionAction action) {
        return InstrumentDefinition.newBuilder()
                .setDataset("GLBX.MDP3")
                .setPublisherId(1)
                .setInstrumentId(instrumentId)
                .setTsEvent(1)
                .setTsRecv(1)
                .setRawSymbol("NQZ6 C21000")
                .setInstrumentClass("C")
                .setSecurityType("OOF")
                .setAsset("NQ")
                .setGroup("NQ")
                .setExchange("XCME")
                .setCfi("OCAFPS")
                .setCurrency("USD")
                .setUnderlying("NQZ6")
                .setSecurityUpdateAction(action)
                .build();
    }
}
