package io.instflow.ifd.functions;

import io.instflow.avro.PipelineMetric;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.contract.Deployment;
import io.instflow.ifd.io.DetectorRecords;
import io.instflow.ifd.io.MetricRecords;
import io.instflow.ifd.logic.Detector;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ifd.logic.PriceHistory;
import io.instflow.ifd.model.ContractHistory;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.FlowEvent;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Flink adapter of the {@link Detector}, keyed by underlying and expiration: contract windows
 * wait in state until the watermark passes their end, then the detector evaluates them together
 * against the histories kept in state. Emits signals; pressure metrics, rejections and metrics go
 * to side outputs. The futures' trades arrive as broadcast state, for the underlying price.
 */
public final class DetectorFunction
        extends KeyedBroadcastProcessFunction<String, ContractWindow, FlowEvent, Signal> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<PressureMetrics> PRESSURE =
            new OutputTag<>("pressure", new AvroTypeInfo<>(PressureMetrics.class));
    public static final OutputTag<Rejection> REJECTIONS =
            new OutputTag<>("rejections", new AvroTypeInfo<>(Rejection.class));
    public static final OutputTag<PipelineMetric> METRICS =
            new OutputTag<>("detector-metrics", new AvroTypeInfo<>(PipelineMetric.class));

    /**
     * Recent trades of each future by symbol, as {@link PriceHistory} arrays (lifetime: the last 15
     * minutes).
     */
    public static final MapStateDescriptor<String, long[]> FUTURES_PRICES =
            new MapStateDescriptor<>(
                    "futures-prices",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    private static final long PRICE_HISTORY_NS = 15 * 60_000_000_000L;

    private final DetectorParams params;
    private final long windowNs;
    private final DetectorRecords records;
    private final MetricRecords metrics;
    private transient Detector detector;

    /** Contract windows waiting for their window to close (lifetime: until the window's timer). */
    private transient ListState<ContractWindow> waiting;

    /**
     * Windows are kept until evaluated; with object reuse the input instance is not ours to keep.
     */
    private transient TypeSerializer<ContractWindow> windowCopier;

    /**
     * Per contract: recent windows, market-making volumes, baseline days (lifetime: pruned to the
     * lookback).
     */
    private transient MapState<Long, ContractHistory> histories;

    public DetectorFunction(DetectorParams params, int windowMinutes, Deployment deployment) {
        this.params = params;
        this.windowNs = windowMinutes * 60_000_000_000L;
        this.records = new DetectorRecords(params);
        this.metrics = new MetricRecords(deployment, params.profile());
    }

    @Override
    public void open(OpenContext context) {
        detector = new Detector(params, windowNs);
        waiting =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "waiting", Types.POJO(ContractWindow.class)));
        windowCopier = getRuntimeContext().createSerializer(Types.POJO(ContractWindow.class));
        histories =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "histories",
                                        Types.LONG,
                                        Types.POJO(ContractHistory.class)));
    }

    @Override
    public void processElement(ContractWindow w, ReadOnlyContext ctx, Collector<Signal> out)
            throws Exception {
        waiting.add(windowCopier.copy(w));
        ctx.timerService().registerEventTimeTimer(w.windowEnd / 1_000_000L);
    }

    @Override
    public void processBroadcastElement(FlowEvent trade, Context ctx, Collector<Signal> out)
            throws Exception {
        var prices = ctx.getBroadcastState(FUTURES_PRICES);
        String symbol = trade.contract.rawSymbol;
        prices.put(
                symbol,
                PriceHistory.append(
                        prices.get(symbol), trade.tsEvent, trade.price, PRICE_HISTORY_NS));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Signal> out)
            throws Exception {
        List<ContractWindow> due = new ArrayList<>();
        List<ContractWindow> later = new ArrayList<>();
        for (ContractWindow w : waiting.get()) {
            (w.windowEnd / 1_000_000L <= timestamp ? due : later).add(w);
        }
        waiting.update(later);
        Map<Long, ContractHistory> known = new HashMap<>();
        histories.entries().forEach(e -> known.put(e.getKey(), e.getValue()));
        Detector.Evaluation evaluation = detector.evaluate(due, known);
        evaluation.observed().forEach(w -> ctx.output(PRESSURE, records.pressure(w)));
        for (Detector.Verdict v : evaluation.verdicts()) {
            if (v.decision().signal()) {
                String underlying = v.candidate().window().contract.underlying;
                Long price =
                        PriceHistory.priceAt(
                                ctx.getBroadcastState(FUTURES_PRICES).get(underlying),
                                v.candidate().window().windowEnd);
                out.collect(records.signal(v, price));
            }
            if (!v.decision().signal() || params.diagnostics()) {
                ctx.output(REJECTIONS, records.rejection(v));
            }
        }
        histories.putAll(evaluation.updated());
        report(ctx, timestamp, due.size(), evaluation);
    }

    /**
     * Per evaluated window: windows, candidates, signals by tier, rejections, emit latency,
     * watermark lag.
     */
    private void report(
            OnTimerContext ctx, long windowEndMs, int windows, Detector.Evaluation evaluation) {
        long now = System.currentTimeMillis();
        long end = windowEndMs * 1_000_000L;
        long start = end - windowNs;
        ctx.output(METRICS, metrics.metric("windows", windows, "count", start, end, Map.of()));
        ctx.output(
                METRICS,
                metrics.metric(
                        "candidates", evaluation.verdicts().size(), "count", start, end, Map.of()));
        ctx.output(
                METRICS,
                metrics.metric("rejections", evaluation.rejected(), "count", start, end, Map.of()));
        evaluation
                .signalsByTier()
                .forEach(
                        (tier, n) ->
                                ctx.output(
                                        METRICS,
                                        metrics.metric(
                                                "signals",
                                                n,
                                                "count",
                                                start,
                                                end,
                                                Map.of("tier", tier))));
        ctx.output(
                METRICS,
                metrics.metric("emit_latency_ms", now - windowEndMs, "ms", start, end, Map.of()));
        long watermark = ctx.timerService().currentWatermark();
        if (watermark > Long.MIN_VALUE && watermark < Long.MAX_VALUE) {
            ctx.output(
                    METRICS,
                    metrics.metric(
                            "watermark_lag_ms", now - watermark, "ms", start, end, Map.of()));
        }
    }
}
