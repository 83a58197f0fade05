package io.instflow.ifd.functions;

import io.instflow.avro.Bar;
import io.instflow.contract.MetricRecords;
import io.instflow.ifd.logic.BarAggregator;
import io.instflow.ifd.logic.StateRelease;
import io.instflow.ifd.logic.TradingDate;
import io.instflow.ifd.model.BarState;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.FlowEvent;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * 1-minute and 5-minute bars of one future from its classified trades, with buy and sell volume,
 * delta and the cumulative delta of the trading session; emitted when the watermark passes a bar's
 * end. The 5-minute bar covers exactly its five 1-minute bars. After every trade the bars in
 * progress go to {@link #FORMING}, a preview that live charts draw before the bar closes.
 */
public final class BarFunction extends KeyedProcessFunction<Long, FlowEvent, Bar> {

    private static final long serialVersionUID = 1L;
    private static final long MINUTE_MS = 60_000L;
    private static final int[] MINUTES = {1, 5};

    /** One {@code late_records} metric per trade that came after its bar was emitted. */
    public static final org.apache.flink.util.OutputTag<io.instflow.avro.PipelineMetric> LATE =
            new org.apache.flink.util.OutputTag<>(
                    "bars-late",
                    new org.apache.flink.formats.avro.typeutils.AvroTypeInfo<>(
                            io.instflow.avro.PipelineMetric.class));

    /** The 1- and 5-minute bars in progress, as they stand after each trade. */
    public static final org.apache.flink.util.OutputTag<Bar> FORMING =
            new org.apache.flink.util.OutputTag<>(
                    "bars-forming",
                    new org.apache.flink.formats.avro.typeutils.AvroTypeInfo<>(Bar.class));

    private final MetricRecords metrics;

    /** Open bars by minutes and start (ms) (lifetime: until their end timer). */
    private transient MapState<String, BarState> bars;

    /**
     * Session date and cumulative delta per bar length, in emission order (lifetime: the future's,
     * until a day after its expiration).
     */
    private transient MapState<Integer, long[]> cumulative;

    private transient ValueState<ContractInfo> contract;

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
                                        org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                                                .LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        contract =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "contract", Types.POJO(ContractInfo.class)));
    }

    @Override
    public void processElement(FlowEvent e, Context ctx, Collector<Bar> out) throws Exception {
        if (e.kind != FlowEvent.TRADE) {
            return;
        }
        if (contract.value() == null) {
            contract.update(e.contract.copy());
            long release = StateRelease.atMs(e.contract.expiration);
            if (release != Long.MAX_VALUE) {
                ctx.timerService().registerEventTimeTimer(release);
            }
        }
        long tsMs = Math.floorDiv(e.tsEvent, 1_000_000L);
        for (int minutes : MINUTES) {
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
                                java.util.Map.of(
                                        "instrument_id",
                                        Long.toString(e.instrumentId),
                                        "operator",
                                        "bars." + minutes + "m")));
                continue;
            }
            String key = minutes + ":" + start;
            BarState bar = bars.get(key);
            if (bar == null) {
                bar = new BarState();
                ctx.timerService().registerEventTimeTimer(start + length - 1);
            }
            bar.add(e.price, e.size, e.aggressor);
            bars.put(key, bar);
            ctx.output(
                    FORMING,
                    bar(
                            contract.value(),
                            minutes,
                            start,
                            bar,
                            previewCumulativeDelta(minutes, start, bar)));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Bar> out) throws Exception {
        ContractInfo expiring = contract.value();
        if (expiring != null && timestamp == StateRelease.atMs(expiring.expiration)) {
            bars.clear();
            cumulative.clear();
            contract.clear();
            return;
        }
        for (int minutes : MINUTES) {
            long length = minutes * MINUTE_MS;
            long start = timestamp + 1 - length;
            if (Math.floorMod(start, length) != 0) {
                continue;
            }
            String key = minutes + ":" + start;
            BarState bar = bars.get(key);
            if (bar == null) {
                continue;
            }
            bars.remove(key);
            long cumulativeDelta = cumulativeDelta(minutes, start, bar);
            cumulative.put(
                    minutes, new long[] {TradingDate.of(start * 1_000_000L), cumulativeDelta});
            out.collect(bar(contract.value(), minutes, start, bar, cumulativeDelta));
        }
    }

    /**
     * The session's cumulative delta up to and including {@code bar}, which starts at {@code
     * startMs}.
     */
    private long cumulativeDelta(int minutes, long startMs, BarState bar) throws Exception {
        long[] running = cumulative.get(minutes);
        long session = TradingDate.of(startMs * 1_000_000L);
        return (running != null && running[0] == session ? running[1] : 0) + bar.delta();
    }

    /**
     * As {@link #cumulativeDelta}, with the deltas of the session's earlier bars that are complete
     * but not yet emitted (the watermark has not passed their end).
     */
    private long previewCumulativeDelta(int minutes, long startMs, BarState bar) throws Exception {
        long session = TradingDate.of(startMs * 1_000_000L);
        long total = cumulativeDelta(minutes, startMs, bar);
        for (java.util.Map.Entry<String, BarState> open : bars.entries()) {
            String[] key = open.getKey().split(":");
            long openStart = Long.parseLong(key[1]);
            if (Integer.parseInt(key[0]) == minutes
                    && openStart < startMs
                    && TradingDate.of(openStart * 1_000_000L) == session) {
                total += open.getValue().delta();
            }
        }
        return total;
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
