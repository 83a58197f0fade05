package io.instflow.ifd.functions;

import io.instflow.avro.BookSide;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.avro.MboAction;
import io.instflow.avro.MboEvent;
import io.instflow.ifd.io.DefinitionsLoader;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.FlowEvent;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Books held in memory between checkpoints: whatever checkpoint a job restores from, the flow it
 * emits afterwards is the one an uninterrupted run emits, on the heap and on RocksDB.
 */
class BookWriteBackTest {

    private static final long[] INSTRUMENTS = {11, 12, 13};
    private static final long TICK = 250_000_000L;
    private static final long BASE_PRICE = 18_000_000_000_000L;

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldEmitTheUninterruptedFlowAfterARestoreFromAnyCheckpoint(String backend)
            throws Exception {
        List<MboEvent> events = randomFlow(7, 800);
        List<FlowEvent> uninterrupted = run(events, Integer.MAX_VALUE, backend);
        assertThat(uninterrupted)
                .extracting(e -> e.kind)
                .contains(FlowEvent.TRADE, FlowEvent.QUOTE, FlowEvent.SPOOF);
        for (int every : new int[] {5, 37, 400}) {
            assertThat(run(events, every, backend))
                    .as("restored every %d records", every)
                    .map(BookWriteBackTest::describe)
                    .containsExactlyElementsOf(
                            uninterrupted.stream().map(BookWriteBackTest::describe).toList());
        }
    }

    private static String describe(FlowEvent e) {
        return String.format(
                "kind %d instrument %d ts %d aggressor %d inferred %b size %d price %d bid %d ask %d"
                        + " displayed %d spoof bid %b contract %d",
                e.kind,
                e.instrumentId,
                e.tsEvent,
                e.aggressor,
                e.sideInferred,
                e.size,
                e.price,
                e.bidSize,
                e.askSize,
                e.durationNs,
                e.bid,
                e.contract.instrumentId);
    }

    /** The flow of {@code events}, restoring the operator from a checkpoint every so many. */
    private static List<FlowEvent> run(List<MboEvent> events, int restoreEvery, String backend)
            throws Exception {
        List<FlowEvent> out = new ArrayList<>();
        RestoredRuns.run(
                events.size(),
                restoreEvery,
                () -> harness(backend),
                (h, index) -> {
                    MboEvent e = events.get(index);
                    long ms = e.getTsEvent() / 1_000_000L;
                    h.processElement(new StreamRecord<>(e, ms));
                    if (index % 10 == 9) {
                        h.watermark(ms - 1);
                    }
                },
                h -> out.addAll(h.extractOutputValues()));
        return out;
    }

    private static KeyedBroadcastOperatorTestHarness<
                    Long, MboEvent, InstrumentDefinition, FlowEvent>
            harness(String backend) throws Exception {
        Map<Long, ContractInfo> contracts = new HashMap<>();
        for (long id : INSTRUMENTS) {
            ContractInfo call = PressureWindowFunctionTest.call();
            call.instrumentId = id;
            contracts.put(id, call);
        }
        DefinitionsLoader preload = () -> contracts;
        var h = BookFunctionTest.harness(preload);
        h.setStateBackend(RestoredRuns.backend(backend));
        return h;
    }

    /**
     * Adds, cancels, modifies and trades over a few instruments, with large orders (spoof
     * candidates) among them, every record the last of its event.
     */
    private static List<MboEvent> randomFlow(long seed, int count) {
        Random random = new Random(seed);
        Map<Long, List<long[]>> resting = new HashMap<>();
        List<MboEvent> events = new ArrayList<>();
        long tsNs = 1_700_000_000_000_000_000L;
        long nextOrderId = 1;
        for (int i = 0; i < count; i++) {
            tsNs += (1 + random.nextInt(400)) * 1_000_000L;
            long instrument = INSTRUMENTS[random.nextInt(INSTRUMENTS.length)];
            List<long[]> orders = resting.computeIfAbsent(instrument, k -> new ArrayList<>());
            int roll = random.nextInt(100);
            MboEvent.Builder e = base(instrument, tsNs);
            if (roll < 45 || orders.isEmpty()) {
                boolean bid = random.nextBoolean();
                long price = BASE_PRICE + (bid ? -1 : 1) * (1 + random.nextInt(4)) * TICK;
                long size = 1 + random.nextInt(80);
                long[] order = {nextOrderId++, price, size, bid ? 1 : 0};
                orders.add(order);
                e.setAction(MboAction.ADD).setOrderId(order[0]).setPrice(price).setSize(size);
                e.setSide(bid ? BookSide.BID : BookSide.ASK);
            } else if (roll < 75) {
                long[] order = orders.remove(random.nextInt(orders.size()));
                e.setAction(MboAction.CANCEL).setOrderId(order[0]).setPrice(order[1]);
                e.setSize(order[2]).setSide(order[3] == 1 ? BookSide.BID : BookSide.ASK);
            } else if (roll < 85) {
                long[] order = orders.get(random.nextInt(orders.size()));
                order[2] = 1 + random.nextInt(80);
                e.setAction(MboAction.MODIFY).setOrderId(order[0]).setPrice(order[1]);
                e.setSize(order[2]).setSide(order[3] == 1 ? BookSide.BID : BookSide.ASK);
            } else {
                BookSide side = BookSide.values()[random.nextInt(3)];
                e.setAction(MboAction.TRADE).setOrderId(0).setPrice(BASE_PRICE);
                e.setSize(1 + random.nextInt(20)).setSide(side);
            }
            events.add(e.build());
        }
        return events;
    }

    private static MboEvent.Builder base(long instrument, long tsNs) {
        return MboEvent.newBuilder(BookFunctionTest.mbo(MboAction.ADD, 1, 1))
                .setInstrumentId(instrument)
                .setTsEvent(tsNs)
                .setTsRecv(tsNs)
                .setFlags(128);
    }
}
