package io.instflow.ifd.functions;

import io.instflow.avro.PipelineMetric;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.contract.Deployment;
import io.instflow.contract.MetricRecords;
import io.instflow.ifd.io.DetectorMetrics;
import io.instflow.ifd.io.DetectorRecords;
import io.instflow.ifd.logic.BaselineSeed;
import io.instflow.ifd.logic.Detector;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ifd.logic.StateRelease;
import io.instflow.ifd.model.BaselineDays;
import io.instflow.ifd.model.ContractHistory;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.FlowEvent;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Flink adapter of the {@link Detector}, keyed by underlying: contract windows wait in state
 * until the watermark passes their end, then the detector evaluates them together against the
 * histories and baseline pools kept in state. An expiration's histories go a day after it expires;
 * the pools go with the last of them. Emits signals; pressure metrics, rejections and metrics go to
 * side outputs. The futures' trades arrive as broadcast state ({@link FuturesPrices}).
 *
 * <p>An underlying's histories and pools stay in memory from its first timer after a checkpoint to
 * the next checkpoint's barrier, when those changed are written back ({@link
 * WriteBackBroadcastOperator}): a timer would otherwise read every history of the underlying, which
 * on RocksDB means deserializing thousands of them each window.
 */
public final class DetectorFunction
        extends KeyedBroadcastProcessFunction<String, ContractWindow, FlowEvent, Signal>
        implements KeyedWriteBack<String> {

    private static final long serialVersionUID = 1L;

    /**
     * Every verdict of a diagnostics profile (testing), one line each at DEBUG: raise this logger
     * to DEBUG to see them ({@code instflow pipeline} does, into {@code detector-debug.log}).
     */
    public static final String VERDICT_LOGGER = "io.instflow.ifd.verdicts";

    private static final org.slf4j.Logger VERDICTS =
            org.slf4j.LoggerFactory.getLogger(VERDICT_LOGGER);

    public static final OutputTag<PressureMetrics> PRESSURE =
            new OutputTag<>("pressure", new AvroTypeInfo<>(PressureMetrics.class));
    public static final OutputTag<Rejection> REJECTIONS =
            new OutputTag<>("rejections", new AvroTypeInfo<>(Rejection.class));
    public static final OutputTag<PipelineMetric> METRICS =
            new OutputTag<>("detector-metrics", new AvroTypeInfo<>(PipelineMetric.class));

    private final DetectorParams params;
    private final long windowNs;
    private final DetectorRecords records;
    private final DetectorMetrics report;
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

    /** v3.1's baseline pools by key (lifetime: until the underlying has no contract left). */
    private transient MapState<String, BaselineDays> pools;

    private final BaselineSeed seed;

    /**
     * Underlyings' histories and pools read since the last checkpoint, by underlying (lifetime:
     * until the next {@link #writeBack}).
     */
    private transient Map<String, InUse> inUse;

    /** An underlying's histories and pools while in memory, and which of them changed. */
    private static final class InUse {
        final Map<Long, ContractHistory> histories = new HashMap<>();
        final Map<String, BaselineDays> pools = new HashMap<>();
        final Set<Long> changed = new HashSet<>();
        final Set<String> changedPools = new HashSet<>();
    }

    public DetectorFunction(DetectorParams params, int windowMinutes, Deployment deployment) {
        this(params, windowMinutes, deployment, BaselineSeed.EMPTY);
    }

    public DetectorFunction(
            DetectorParams params, int windowMinutes, Deployment deployment, BaselineSeed seed) {
        this.params = params;
        this.seed = seed;
        this.windowNs = windowMinutes * 60_000_000_000L;
        this.records = new DetectorRecords(params);
        this.report =
                new DetectorMetrics(new MetricRecords(deployment, params.profile()), windowNs);
    }

    /** The detector's key: the underlying, so that v3.1's pools span all its expirations. */
    public static String key(ContractWindow w) {
        return w.contract.underlying;
    }

    @Override
    public void open(OpenContext context) {
        detector = new Detector(params, windowNs, seed);
        var window = Types.POJO(ContractWindow.class);
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", window));
        windowCopier = getRuntimeContext().createSerializer(window);
        var history = Types.POJO(ContractHistory.class);
        histories =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("histories", Types.LONG, history));
        pools =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pools", Types.STRING, Types.POJO(BaselineDays.class)));
        inUse = new HashMap<>();
    }

    @Override
    public void writeBack(Consumer<String> currentKey) throws Exception {
        for (Map.Entry<String, InUse> entry : inUse.entrySet()) {
            currentKey.accept(entry.getKey());
            InUse held = entry.getValue();
            for (Long id : held.changed) {
                histories.put(id, held.histories.get(id));
            }
            for (String pool : held.changedPools) {
                pools.put(pool, held.pools.get(pool));
            }
        }
        // forgotten, not kept: on the heap the values are the backend's own objects, which its
        // copy-on-write snapshot must see unchanged until it is written
        inUse.clear();
    }

    private InUse inUse(String underlying) throws Exception {
        InUse held = inUse.get(underlying);
        if (held == null) {
            held = new InUse();
            for (Map.Entry<Long, ContractHistory> e : histories.entries()) {
                held.histories.put(e.getKey(), e.getValue());
            }
            for (Map.Entry<String, BaselineDays> e : pools.entries()) {
                held.pools.put(e.getKey(), e.getValue());
            }
            inUse.put(underlying, held);
        }
        return held;
    }

    @Override
    public void processElement(ContractWindow w, ReadOnlyContext ctx, Collector<Signal> out)
            throws Exception {
        waiting.add(windowCopier.copy(w));
        ctx.timerService().registerEventTimeTimer(w.windowEnd / 1_000_000L);
        long release = StateRelease.atMs(w.contract.expiration);
        if (release != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(release);
        }
    }

    @Override
    public void processBroadcastElement(FlowEvent trade, Context ctx, Collector<Signal> out)
            throws Exception {
        FuturesPrices.add(
                ctx.getBroadcastState(FuturesPrices.STATE), trade, ctx.currentWatermark());
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
        InUse held = inUse(ctx.getCurrentKey());
        ReadOnlyBroadcastState<String, long[]> prices = ctx.getBroadcastState(FuturesPrices.STATE);
        Detector.Evaluation evaluation =
                detector.evaluate(
                        due,
                        held.histories,
                        held.pools,
                        (underlying, timeNs) -> priceAt(prices, underlying, timeNs));
        evaluation.observed().forEach(w -> ctx.output(PRESSURE, records.pressure(w)));
        for (Detector.Verdict v : evaluation.verdicts()) {
            if (params.diagnostics() && VERDICTS.isDebugEnabled()) {
                VERDICTS.debug(v.describe());
            }
            if (v.decision().signal()) {
                String underlying = v.candidate().window().contract.underlying;
                long end = v.candidate().window().windowEnd;
                Long price = FuturesPrices.at(prices, underlying, end);
                out.collect(records.signal(v, price));
            }
            if (!v.decision().signal() || params.diagnostics()) {
                ctx.output(REJECTIONS, records.rejection(v));
            }
        }
        held.histories.putAll(evaluation.updated());
        held.changed.addAll(evaluation.updated().keySet());
        held.pools.putAll(evaluation.updatedPools());
        held.changedPools.addAll(evaluation.updatedPools().keySet());
        long watermark = ctx.timerService().currentWatermark();
        report.of(timestamp, due.size(), evaluation, watermark, System.currentTimeMillis())
                .forEach(m -> ctx.output(METRICS, m));
        release(timestamp, held);
    }

    private static Long priceAt(
            ReadOnlyBroadcastState<String, long[]> prices, String underlying, long timeNs) {
        try {
            return FuturesPrices.at(prices, underlying, timeNs);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the futures prices of " + underlying, e);
        }
    }

    /** Forgets the contracts whose release time has come, and the pools with the last of them. */
    private void release(long timestamp, InUse held) throws Exception {
        List<Long> expired = new ArrayList<>();
        boolean anyLeft = false;
        for (Map.Entry<Long, ContractHistory> e : held.histories.entrySet()) {
            if (StateRelease.atMs(e.getValue().expiration) <= timestamp) {
                expired.add(e.getKey());
            } else {
                anyLeft = true;
            }
        }
        if (expired.isEmpty()) {
            return;
        }
        for (Long id : expired) {
            held.histories.remove(id);
            held.changed.remove(id);
            histories.remove(id);
        }
        List<ContractWindow> kept = new ArrayList<>();
        for (ContractWindow w : waiting.get()) {
            if (StateRelease.atMs(w.contract.expiration) > timestamp) {
                kept.add(w);
            }
        }
        waiting.update(kept);
        if (!anyLeft && kept.isEmpty()) {
            held.pools.clear();
            held.changedPools.clear();
            pools.clear();
        }
    }
}
