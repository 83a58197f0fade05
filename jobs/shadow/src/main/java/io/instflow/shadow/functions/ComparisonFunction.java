package io.instflow.shadow.functions;

import io.instflow.avro.Comparison;
import io.instflow.avro.ComparisonKind;
import io.instflow.avro.Direction;
import io.instflow.avro.OptionType;
import io.instflow.avro.OutcomeResult;
import io.instflow.avro.PipelineMetric;
import io.instflow.avro.Tier;
import io.instflow.shadow.ShadowConfig;
import io.instflow.shadow.logic.Outcome;
import io.instflow.shadow.logic.PriceSeries;
import io.instflow.shadow.logic.RunningStats;
import io.instflow.shadow.logic.SignalPairing;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * Per underlying future, in event time: when the watermark passes a window's end, joins the
 * production and shadow signals of that window (per expiration); when it passes the window end plus
 * each horizon, judges every signal by the future's 1-minute bars and updates the running figures
 * per side, horizon and tier. A bounded run does the same once all of its input has arrived,
 * stepping through the inputs and those times in event-time order, so its output does not depend on
 * the order the inputs arrived in.
 */
public final class ComparisonFunction
        extends KeyedProcessFunction<String, ShadowInput, Comparison> {

    private static final long serialVersionUID = 1L;
    private static final long MINUTE_NS = 60_000_000_000L;

    /**
     * A bounded run's inputs by end, then production, shadow, bar, then signal id: a fixed order.
     */
    private static final Comparator<ShadowInput> IN_EVENT_TIME_ORDER =
            Comparator.comparingLong(ShadowInput::endNs)
                    .thenComparingInt(in -> in.kind)
                    .thenComparing(in -> in.signalId == null ? "" : in.signalId);

    public static final OutputTag<PipelineMetric> METRICS =
            new OutputTag<>(
                    "shadow-metrics",
                    new org.apache.flink.formats.avro.typeutils.AvroTypeInfo<>(
                            PipelineMetric.class));

    private final ShadowConfig config;

    /**
     * Bar closes by bar end (lifetime: pruned to the longest horizon before the oldest pending
     * signal).
     */
    private transient MapState<Long, Long> closes;

    /** Signals until their last horizon has been judged. */
    private transient ListState<ShadowInput> pending;

    /** Running figures by "side|horizon|tier" and "side|horizon|ALL" (lifetime: the job's). */
    private transient MapState<String, RunningStats> stats;

    /** A bounded run's inputs (lifetime: until its input ends). */
    private transient ListState<ShadowInput> arrived;

    public ComparisonFunction(ShadowConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        closes =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("closes", Types.LONG, Types.LONG));
        pending =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "pending", Types.POJO(ShadowInput.class)));
        stats =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "stats", Types.STRING, Types.POJO(RunningStats.class)));
        arrived =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "arrived", Types.POJO(ShadowInput.class)));
    }

    @Override
    public void processElement(ShadowInput in, Context ctx, Collector<Comparison> out)
            throws Exception {
        if (config.bounded()) {
            // signals that several IFD tasks wrote into one partition can arrive after the
            // watermark has passed them, when the bars they need are already pruned
            arrived.add(in);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            return;
        }
        accept(in, ctx.timerService()::registerEventTimeTimer);
    }

    /** Keeps a bar's close or a pending signal and asks for the signal's times (ms). */
    private void accept(ShadowInput in, LongConsumer timers) throws Exception {
        if (in.kind == ShadowInput.BAR) {
            closes.put(in.barEnd, in.close);
            return;
        }
        pending.add(in);
        long endMs = in.windowEnd / 1_000_000L;
        timers.accept(endMs);
        for (int h : config.outcome().horizonsMinutes()) {
            timers.accept(endMs + h * 60_000L);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Comparison> out)
            throws Exception {
        if (config.bounded() && timestamp == Long.MAX_VALUE) {
            replay(ctx, out);
        } else {
            fire(timestamp, ctx, out);
        }
    }

    /**
     * A bounded run's inputs in event-time order, each of the times the signals ask for fired once
     * every input ending by it has been taken in, as the watermark would have in order.
     */
    private void replay(OnTimerContext ctx, Collector<Comparison> out) throws Exception {
        List<ShadowInput> inputs = new ArrayList<>();
        arrived.get().forEach(inputs::add);
        arrived.clear();
        inputs.sort(IN_EVENT_TIME_ORDER);
        TreeSet<Long> times = new TreeSet<>();
        int next = 0;
        while (next < inputs.size() || !times.isEmpty()) {
            if (next < inputs.size()
                    && (times.isEmpty()
                            || inputs.get(next).endNs() <= times.first() * 1_000_000L)) {
                accept(inputs.get(next++), times::add);
            } else {
                fire(times.pollFirst(), ctx, out);
            }
        }
    }

    /** What the watermark passing {@code timestamp} (ms) does: joins, judges, prunes. */
    private void fire(long timestamp, OnTimerContext ctx, Collector<Comparison> out)
            throws Exception {
        long now = timestamp * 1_000_000L;
        List<ShadowInput> all = new ArrayList<>();
        pending.get().forEach(all::add);
        join(all.stream().filter(s -> s.windowEnd == now).toList(), ctx.getCurrentKey(), out);
        PriceSeries prices = prices();
        long maxAge = config.outcome().maxPriceAgeMinutes() * MINUTE_NS;
        List<ShadowInput> keep = new ArrayList<>();
        long longest = config.outcome().longestHorizonMinutes() * MINUTE_NS;
        for (ShadowInput s : all) {
            for (int h : config.outcome().horizonsMinutes()) {
                if (s.windowEnd + h * MINUTE_NS == now) {
                    judge(s, h, prices, maxAge, ctx, out);
                }
            }
            if (s.windowEnd + longest > now) {
                keep.add(s);
            }
        }
        pending.update(keep);
        long oldest = keep.stream().mapToLong(s -> s.windowEnd).min().orElse(now);
        List<Long> stale = new ArrayList<>();
        for (Long end : closes.keys()) {
            if (end < oldest - maxAge - MINUTE_NS) {
                stale.add(end);
            }
        }
        for (Long end : stale) {
            closes.remove(end);
        }
    }

    private PriceSeries prices() throws Exception {
        PriceSeries series = new PriceSeries();
        for (Map.Entry<Long, Long> e : closes.entries()) {
            series.addBar(e.getKey(), e.getValue());
        }
        return series;
    }

    private void join(List<ShadowInput> window, String underlying, Collector<Comparison> out) {
        Map<Long, List<ShadowInput>> byExpiration = new TreeMap<>();
        window.forEach(
                s -> byExpiration.computeIfAbsent(s.expiration, e -> new ArrayList<>()).add(s));
        for (List<ShadowInput> signals : byExpiration.values()) {
            List<SignalPairing.Side> production = sides(signals, ShadowInput.PRODUCTION);
            List<SignalPairing.Side> shadow = sides(signals, ShadowInput.SHADOW);
            for (SignalPairing.Pair pair :
                    SignalPairing.pair(production, shadow, config.strikePoints())) {
                ShadowInput p = find(signals, pair.production());
                ShadowInput s = find(signals, pair.shadow());
                ShadowInput any = p != null ? p : s;
                out.collect(
                        base(ComparisonKind.valueOf(pair.kind()), underlying, any)
                                .setComparisonId(
                                        pair.kind().toLowerCase(java.util.Locale.ROOT)
                                                + id(p)
                                                + id(s))
                                .setProductionSignalId(p == null ? null : p.signalId)
                                .setShadowSignalId(s == null ? null : s.signalId)
                                .setProductionDirection(p == null ? null : direction(p))
                                .setShadowDirection(s == null ? null : direction(s))
                                .build());
            }
        }
    }

    private void judge(
            ShadowInput s,
            int horizon,
            PriceSeries prices,
            long maxAge,
            OnTimerContext ctx,
            Collector<Comparison> out)
            throws Exception {
        Long entry = prices.priceAt(s.windowEnd, maxAge);
        Long exit = prices.priceAt(s.windowEnd + horizon * MINUTE_NS, maxAge);
        if (entry == null || exit == null) {
            return;
        }
        Outcome o =
                Outcome.of(horizon, s.direction, s.sizeMultiplier, entry, exit, config.outcome());
        String side =
                s.kind == ShadowInput.PRODUCTION ? config.productionLabel() : config.shadowLabel();
        RunningStats total = update(side + "|" + horizon + "|ALL", o);
        update(side + "|" + horizon + "|" + s.tier, o);
        out.collect(
                base(ComparisonKind.OUTCOME, ctx.getCurrentKey(), s)
                        .setComparisonId(s.signalId + "-" + horizon + "m")
                        .setProductionSignalId(s.kind == ShadowInput.PRODUCTION ? s.signalId : null)
                        .setShadowSignalId(s.kind == ShadowInput.SHADOW ? s.signalId : null)
                        .setEvaluatedProfile(side)
                        .setAlgorithm(s.algorithm)
                        .setTier(Tier.valueOf(s.tier))
                        .setHorizonMinutes(horizon)
                        .setEntryPrice(entry)
                        .setExitPrice(exit)
                        .setSignedMovePoints(o.signedMovePoints())
                        .setOutcome(OutcomeResult.valueOf(o.result()))
                        .setPnlUsd(o.pnlUsd())
                        .setSignals(total.signals)
                        .setHitRate(total.hitRate())
                        .setSharpe(total.sharpe())
                        .setMaxDrawdownUsd(total.maxDrawdown)
                        .build());
        long ts = System.currentTimeMillis() * 1_000_000L;
        ctx.output(
                METRICS,
                PipelineMetric.newBuilder()
                        .setJob(config.deployment().name())
                        .setProfile(side)
                        .setTs(ts)
                        .setName("hit_rate")
                        .setValue(total.hitRate())
                        .setUnit("ratio")
                        .setWindowStart(s.windowStart)
                        .setWindowEnd(s.windowEnd)
                        .setTags(
                                new java.util.HashMap<>(
                                        Map.of("horizon_minutes", Integer.toString(horizon))))
                        .build());
    }

    private RunningStats update(String key, Outcome o) throws Exception {
        RunningStats r = stats.get(key);
        if (r == null) {
            r = new RunningStats();
        }
        r.add(o);
        stats.put(key, r);
        return r;
    }

    private Comparison.Builder base(ComparisonKind kind, String underlying, ShadowInput s) {
        return Comparison.newBuilder()
                .setKind(kind)
                .setProductionProfile(config.productionLabel())
                .setShadowProfile(config.shadowLabel())
                .setUnderlying(underlying)
                .setExpiration(s.expiration)
                .setStrikePrice(s.strike)
                .setOptionType(s.call ? OptionType.CALL : OptionType.PUT)
                .setWindowStart(s.windowStart)
                .setWindowEnd(s.windowEnd)
                .setEvaluatedAt(System.currentTimeMillis() * 1_000_000L);
    }

    private static List<SignalPairing.Side> sides(List<ShadowInput> signals, int kind) {
        return signals.stream()
                .filter(s -> s.kind == kind)
                .map(
                        s ->
                                new SignalPairing.Side(
                                        s.signalId, s.instrumentId, s.strike / 1e9, s.direction))
                .toList();
    }

    private static ShadowInput find(List<ShadowInput> signals, SignalPairing.Side side) {
        if (side == null) {
            return null;
        }
        return signals.stream()
                .filter(s -> s.signalId.equals(side.signalId()))
                .findFirst()
                .orElse(null);
    }

    private static String id(ShadowInput s) {
        return s == null ? "-" : "-" + s.signalId;
    }

    private static Direction direction(ShadowInput s) {
        return s.direction > 0 ? Direction.LONG : Direction.SHORT;
    }
}
