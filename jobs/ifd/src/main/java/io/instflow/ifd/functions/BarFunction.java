package io.instflow.ifd.functions;

import io.instflow.avro.Bar;
import io.instflow.avro.PipelineMetric;
import io.instflow.contract.MetricRecords;
import io.instflow.ifd.logic.BarAggregator;
import io.instflow.ifd.logic.StateRelease;
import io.instflow.ifd.logic.TradingDate;
import io.instflow.ifd.model.BarState;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.FlowEvent;

import org.agrona.collections.Long2ObjectHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.Map;
import java.util.function.Consumer;

/**
 * 1-minute and 5-minute bars of one future from its classified trades, with buy and sell volume,
 * delta and the cumulative delta of the trading session; emitted when the watermark passes a bar's
 * end. The 5-minute bar covers exactly its five 1-minute bars. After every trade the bars in
 * progress go to {@link #FORMING}, a preview that live charts draw before the bar closes.
 *
 * <p>A future's bars in use stay in memory between checkpoints and are written back before each
 * barrier ({@link WriteBackProcessOperator}): on RocksDB a trade then costs no state access, where
 * the preview's cumulative delta would otherwise read every open bar.
 */
public final class BarFunction extends KeyedProcessFunction<Long, FlowEvent, Bar>
        implements KeyedWriteBack<Long> {

    private static final long serialVersionUID = 1L;
    private static final long MINUTE_MS = 60_000L;
    private static final int[] MINUTES = {1, 5};

    /** One {@code late_records} metric per trade that came after its bar was emitted. */
    public static final OutputTag<PipelineMetric> LATE =
            new OutputTag<>("bars-late", new AvroTypeInfo<>(PipelineMetric.class));

    /** The 1- and 5-minute bars in progress, as they stand after each trade. */
    public static final OutputTag<Bar> FORMING =
            new OutputTag<>("bars-forming", new AvroTypeInfo<>(Bar.class));

    private final MetricRecords metrics;

    /**
     * Open bars by {@code minutes:start (ms)} (lifetime: until their end timer). The key's format
     * is that of the checkpoints already taken.
     */
    private transient MapState<String, BarState> bars;

    /**
     * Session date and cumulative delta per bar length, in emission order (lifetime: the future's,
     * until a day after its expiration).
     */
    private transient MapState<Integer, long[]> cumulative;

    private transient ValueState<ContractInfo> contract;

    /**
     * Futures' state touched since the last checkpoint, by instrument id (lifetime: until the next
     * {@link #writeBack} or the future's release).
     */
    private transient Long2ObjectHashMap<InUse> inUse;

    /** A future's state while in memory, per bar length in the order of {@link #MINUTES}. */
    private static final class InUse {
        ContractInfo contract;

        /** Open bars by start (ms). */
        final Long2ObjectHashMap<BarState>[] open = newOpenBars();

        /** Session date and cumulative delta of the last bar emitted; null before the first. */
        final long[][] cumulative = new long[MINUTES.length][];

        @SuppressWarnings("unchecked")
        private static Long2ObjectHashMap<BarState>[] newOpenBars() {
            Long2ObjectHashMap<BarState>[] open = new Long2ObjectHashMap[MINUTES.length];
            for (int i = 0; i < open.length; i++) {
                open[i] = new Long2ObjectHashMap<>();
            }
            return open;
        }
    }

    public BarFunction(MetricRecords metrics) {
        this.metrics = metrics;
    }

    @Override
    public void open(OpenContext context) {
        bars =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "bars", Types.STRING, Types.POJO(BarState.class)));
        cumulative =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "cumulative",
                                        Types.INT,
                                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        contract =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "contract", Types.POJO(ContractInfo.class)));
        inUse = new Long2ObjectHashMap<>();
    }

    @Override
    public void writeBack(Consumer<Long> currentKey) throws Exception {
        for (Map.Entry<Long, InUse> entry : inUse.entrySet()) {
            currentKey.accept(entry.getKey());
            InUse held = entry.getValue();
            contract.update(held.contract);
            bars.clear();
            for (int i = 0; i < MINUTES.length; i++) {
                for (Map.Entry<Long, BarState> bar : held.open[i].entrySet()) {
                    bars.put(key(MINUTES[i], bar.getKey()), bar.getValue());
                }
                if (held.cumulative[i] != null) {
                    cumulative.put(MINUTES[i], held.cumulative[i]);
                }
            }
        }
        inUse.clear();
    }

    /** The future's state, read from keyed state when first touched since the last checkpoint. */
    private InUse inUse(long key) throws Exception {
        InUse held = inUse.get(key);
        if (held == null) {
            held = new InUse();
            held.contract = contract.value();
            for (Map.Entry<String, BarState> bar : bars.entries()) {
                String[] minutesAndStart = bar.getKey().split(":");
                int index = index(Integer.parseInt(minutesAndStart[0]));
                held.open[index].put(Long.parseLong(minutesAndStart[1]), bar.getValue());
            }
            for (int i = 0; i < MINUTES.length; i++) {
                held.cumulative[i] = cumulative.get(MINUTES[i]);
            }
            inUse.put(key, held);
        }
        return held;
    }

    @Override
    public void processElement(FlowEvent e, Context ctx, Collector<Bar> out) throws Exception {
        if (e.kind != FlowEvent.TRADE) {
            return;
        }
        InUse held = inUse(ctx.getCurrentKey());
        if (held.contract == null) {
            held.contract = e.contract.copy();
            long release = StateRelease.atMs(e.contract.expiration);
            if (release != Long.MAX_VALUE) {
                ctx.timerService().registerEventTimeTimer(release);
            }
        }
        long tsMs = Math.floorDiv(e.tsEvent, 1_000_000L);
        for (int i = 0; i < MINUTES.length; i++) {
            int minutes = MINUTES[i];
            long length = minutes * MINUTE_MS;
            long start = BarAggregator.start(tsMs, length);
            if (start + length - 1 <= ctx.timerService().currentWatermark()) {
                ctx.output(
                        LATE,
                        metrics.metric(
                                "late_records",
                                1,
                                "count",
                                start * 1_000_000L,
                                (start + length) * 1_000_000L,
                                Map.of(
                                        "instrument_id",
                                        Long.toString(e.instrumentId),
                                        "operator",
                                        "bars." + minutes + "m")));
                continue;
            }
            BarState bar = held.open[i].get(start);
            if (bar == null) {
                bar = new BarState();
                held.open[i].put(start, bar);
                ctx.timerService().registerEventTimeTimer(start + length - 1);
            }
            bar.add(e.price, e.size, e.aggressor);
            ctx.output(
                    FORMING,
                    bar(
                            held.contract,
                            minutes,
                            start,
                            bar,
                            previewCumulativeDelta(held, i, start, bar)));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Bar> out) throws Exception {
        InUse held = inUse(ctx.getCurrentKey());
        if (held.contract != null && timestamp == StateRelease.atMs(held.contract.expiration)) {
            inUse.remove(ctx.getCurrentKey());
            bars.clear();
            cumulative.clear();
            contract.clear();
            return;
        }
        for (int i = 0; i < MINUTES.length; i++) {
            int minutes = MINUTES[i];
            long length = minutes * MINUTE_MS;
            long start = timestamp + 1 - length;
            if (Math.floorMod(start, length) != 0) {
                continue;
            }
            BarState bar = held.open[i].remove(start);
            if (bar == null) {
                continue;
            }
            long cumulativeDelta = cumulativeDelta(held, i, start, bar);
            held.cumulative[i] = new long[] {TradingDate.of(start * 1_000_000L), cumulativeDelta};
            out.collect(bar(held.contract, minutes, start, bar, cumulativeDelta));
        }
    }

    /**
     * The session's cumulative delta up to and including {@code bar}, which starts at {@code
     * startMs} and is {@code MINUTES[index]} long.
     */
    private static long cumulativeDelta(InUse held, int index, long startMs, BarState bar) {
        long[] running = held.cumulative[index];
        long session = TradingDate.of(startMs * 1_000_000L);
        return (running != null && running[0] == session ? running[1] : 0) + bar.delta();
    }

    /**
     * As {@link #cumulativeDelta}, with the deltas of the session's earlier bars that are complete
     * but not yet emitted (the watermark has not passed their end).
     */
    private static long previewCumulativeDelta(InUse held, int index, long startMs, BarState bar) {
        long session = TradingDate.of(startMs * 1_000_000L);
        long total = cumulativeDelta(held, index, startMs, bar);
        for (Map.Entry<Long, BarState> open : held.open[index].entrySet()) {
            long openStart = open.getKey();
            if (openStart < startMs && TradingDate.of(openStart * 1_000_000L) == session) {
                total += open.getValue().delta();
            }
        }
        return total;
    }

    private static int index(int minutes) {
        for (int i = 0; i < MINUTES.length; i++) {
            if (MINUTES[i] == minutes) {
                return i;
            }
        }
        throw new IllegalStateException("no bars of " + minutes + " minutes are kept");
    }

    private static String key(int minutes, long startMs) {
        return minutes + ":" + startMs;
    }

    private static Bar bar(
            ContractInfo c, int minutes, long startMs, BarState bar, long cumulativeDelta) {
        return Bar.newBuilder()
                .setSymbol(c.rawSymbol)
                .setInstrumentId(c.instrumentId)
                .setIntervalSeconds(minutes * 60)
                .setWindowStart(startMs * 1_000_000L)
                .setWindowEnd((startMs + minutes * MINUTE_MS) * 1_000_000L)
                .setOpen(bar.open)
                .setHigh(bar.high)
                .setLow(bar.low)
                .setClose(bar.close)
                .setVolume(bar.volume)
                .setBuyVolume(bar.buyVolume)
                .setSellVolume(bar.sellVolume)
                .setUnknownVolume(bar.unknownVolume)
                .setDelta(bar.delta())
                .setCumulativeDelta(cumulativeDelta)
                .setTrades(bar.trades)
                .setVwap(Math.round(bar.priceVolume / bar.volume * 1e9))
                .build();
    }
}
