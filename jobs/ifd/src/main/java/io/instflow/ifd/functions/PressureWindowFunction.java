package io.instflow.ifd.functions;

import io.instflow.avro.PipelineMetric;
import io.instflow.contract.MetricRecords;
import io.instflow.ifd.logic.StateRelease;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.FlowEvent;
import io.instflow.ifd.model.WindowStats;

import org.agrona.collections.Long2ObjectHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Epoch-aligned event-time windows of one contract, built from each event's own ts_event (events
 * released late by a definition keep their time) and fired by the watermark. Every window with
 * activity is emitted once, when the watermark passes its end; events for a window already emitted
 * are late: dropped, counted in Flink's {@code lateRecords} metric and reported per contract on the
 * {@link #LATE} side output when its next window fires.
 *
 * <p>A contract's state in use (its contract, emitted end, late count and the window its events
 * last went to) stays in memory between checkpoints and is written back before each barrier ({@link
 * WriteBackProcessOperator}): on RocksDB an event then costs no state access.
 */
public final class PressureWindowFunction
        extends KeyedProcessFunction<Long, FlowEvent, ContractWindow>
        implements KeyedWriteBack<Long> {

    private static final long serialVersionUID = 1L;

    /** Late records per contract since its previous window, as a metric. */
    public static final OutputTag<PipelineMetric> LATE =
            new OutputTag<>("late-records", new AvroTypeInfo<>(PipelineMetric.class));

    private final long lengthMs;
    private final long blockSize;

    /** Trades at least this large are kept as prints (v3.1); 0 keeps none. */
    private final long minPrintSize;

    /** Open windows by start (ms) (lifetime: until their end timer fires). */
    private transient MapState<Long, WindowStats> windows;

    /** The contract (lifetime: until a day after its expiration, {@link StateRelease}). */
    private transient ValueState<ContractInfo> contract;

    /**
     * End (ms) of the last window emitted (lifetime: the contract's). Checkpointed, so records
     * replayed after a restore, when the watermark starts over, cannot reopen a window already
     * emitted.
     */
    private transient ValueState<Long> emittedUntil;

    /** Late records not reported yet (lifetime: until the contract's next window fires). */
    private transient ValueState<Long> unreportedLate;

    private transient Counter lateRecords;
    private final MetricRecords metrics;

    /**
     * Contracts' state touched since the last checkpoint, by instrument id (lifetime: until the
     * next {@link #writeBack} or the contract's release).
     */
    private transient Long2ObjectHashMap<InUse> inUse;

    /** A contract's state while in memory. */
    private static final class InUse {
        ContractInfo contract;
        Long emittedUntil;
        Long unreportedLate;

        /** The window events last went to, by start (ms); null stats when none. */
        long openStart;

        WindowStats open;
    }

    public PressureWindowFunction(int minutes, long blockSize, MetricRecords metrics) {
        this(minutes, blockSize, 0, metrics);
    }

    public PressureWindowFunction(
            int minutes, long blockSize, long minPrintSize, MetricRecords metrics) {
        this.lengthMs = minutes * 60_000L;
        this.blockSize = blockSize;
        this.minPrintSize = minPrintSize;
        this.metrics = metrics;
    }

    @Override
    public void open(OpenContext context) {
        windows =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "windows", Types.LONG, Types.POJO(WindowStats.class)));
        contract =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "contract", Types.POJO(ContractInfo.class)));
        emittedUntil =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("emitted-until", Types.LONG));
        unreportedLate =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("unreported-late", Types.LONG));
        lateRecords = getRuntimeContext().getMetricGroup().counter("lateRecords");
        inUse = new Long2ObjectHashMap<>();
    }

    @Override
    public void writeBack(Consumer<Long> currentKey) throws Exception {
        for (Map.Entry<Long, InUse> entry : inUse.entrySet()) {
            currentKey.accept(entry.getKey());
            InUse held = entry.getValue();
            contract.update(held.contract);
            emittedUntil.update(held.emittedUntil);
            unreportedLate.update(held.unreportedLate);
            if (held.open != null) {
                windows.put(held.openStart, held.open);
            }
        }
        inUse.clear();
    }

    private InUse inUse(long key) throws Exception {
        InUse held = inUse.get(key);
        if (held == null) {
            held = new InUse();
            held.contract = contract.value();
            held.emittedUntil = emittedUntil.value();
            held.unreportedLate = unreportedLate.value();
            inUse.put(key, held);
        }
        return held;
    }

    /** The window starting at {@code start}, from memory or state; null when it has none. */
    private WindowStats window(InUse held, long start) throws Exception {
        if (held.open != null && held.openStart == start) {
            return held.open;
        }
        return windows.get(start);
    }

    @Override
    public void processElement(FlowEvent e, Context ctx, Collector<ContractWindow> out)
            throws Exception {
        long tsMs = Math.floorDiv(e.tsEvent, 1_000_000L);
        long start = Math.floorDiv(tsMs, lengthMs) * lengthMs;
        long end = start + lengthMs - 1;
        long release = StateRelease.atMs(e.contract.expiration);
        InUse held = inUse(ctx.getCurrentKey());
        Long emitted = held.emittedUntil;
        if (end <= ctx.timerService().currentWatermark() || (emitted != null && start < emitted)) {
            countLate(held);
            return;
        }
        if (end >= release) {
            // a window reaching the contract's release would outlive its state: the event is
            // counted late, and reported at that window's end (or at the release, if sooner)
            countLate(held);
            ctx.timerService().registerEventTimeTimer(end);
            return;
        }
        if (held.contract == null) {
            held.contract = e.contract.copy();
            if (release != Long.MAX_VALUE) {
                ctx.timerService().registerEventTimeTimer(release);
            }
        }
        WindowStats stats = window(held, start);
        if (stats == null) {
            stats = new WindowStats();
            ctx.timerService().registerEventTimeTimer(end);
        }
        if (stats != held.open) {
            if (held.open != null) {
                windows.put(held.openStart, held.open);
            }
            held.openStart = start;
            held.open = stats;
        }
        switch (e.kind) {
            case FlowEvent.TRADE -> {
                if (e.degraded) {
                    stats.addEstimatedFlow(e.aggressor, e.size, e.price, blockSize, e.delayMs);
                } else {
                    stats.addTrade(e.aggressor, e.size, e.price, blockSize);
                    if (minPrintSize > 0) {
                        stats.addPrint(
                                e.tsEvent,
                                e.aggressor,
                                e.sideInferred,
                                e.size,
                                e.price,
                                minPrintSize);
                    }
                }
            }
            case FlowEvent.QUOTE -> stats.addQuote(e.bidSize, e.askSize, e.durationNs);
            default -> stats.addSpoof(e.bid, e.size);
        }
    }

    private void countLate(InUse held) {
        lateRecords.inc();
        held.unreportedLate = held.unreportedLate == null ? 1 : held.unreportedLate + 1;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ContractWindow> out)
            throws Exception {
        InUse held = inUse(ctx.getCurrentKey());
        ContractInfo c = held.contract;
        if (c != null && timestamp == StateRelease.atMs(c.expiration)) {
            release(held, ctx);
            return;
        }
        long start = timestamp + 1 - lengthMs;
        WindowStats stats = window(held, start);
        if (stats != null) {
            if (stats == held.open) {
                held.open = null;
            }
            windows.remove(start);
            // without a contract only in a savepoint taken before windows reaching the release
            // were refused: its contract has been released
            if (c != null) {
                held.emittedUntil = start + lengthMs;
                out.collect(
                        new ContractWindow(
                                c, start * 1_000_000L, (start + lengthMs) * 1_000_000L, stats));
            }
        }
        Long late = held.unreportedLate;
        if (late != null) {
            held.unreportedLate = null;
            ctx.output(
                    LATE,
                    metrics.metric(
                            "late_records",
                            late,
                            "count",
                            start * 1_000_000L,
                            (start + lengthMs) * 1_000_000L,
                            Map.of("instrument_id", Long.toString(ctx.getCurrentKey()))));
        }
    }

    /**
     * The contract expired a grace ago: its state and memory go. Its windows have all been emitted
     * by now, as none may reach the release. The window map is not cleared here: on RocksDB that
     * seeks past every window the contract ever had, about 5 ms a contract, and the full universe's
     * contracts released at once held the task for 10 s.
     */
    private void release(InUse held, OnTimerContext ctx) throws Exception {
        Long late = held.unreportedLate;
        if (late != null) {
            long now = ctx.timerService().currentWatermark() * 1_000_000L;
            ctx.output(
                    LATE,
                    metrics.metric(
                            "late_records",
                            late,
                            "count",
                            now,
                            now,
                            Map.of("instrument_id", Long.toString(ctx.getCurrentKey()))));
        }
        inUse.remove(ctx.getCurrentKey());
        contract.clear();
        emittedUntil.clear();
        unreportedLate.clear();
    }
}
