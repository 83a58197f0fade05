package io.instflow.ifd.functions;

import io.instflow.avro.Components;
import io.instflow.avro.Direction;
import io.instflow.avro.DominantSide;
import io.instflow.avro.OptionType;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.avro.SignalAction;
import io.instflow.avro.Tier;
import io.instflow.ifd.logic.Baseline;
import io.instflow.ifd.logic.CompatScorer;
import io.instflow.ifd.logic.ComponentScores;
import io.instflow.ifd.logic.Coordination;
import io.instflow.ifd.logic.DailyStats;
import io.instflow.ifd.logic.Decision;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ifd.logic.MarketMaking;
import io.instflow.ifd.logic.PressureMath;
import io.instflow.ifd.logic.PriceHistory;
import io.instflow.ifd.logic.Scorer;
import io.instflow.ifd.logic.SignalIds;
import io.instflow.ifd.logic.TradingDate;
import io.instflow.ifd.logic.WindowStats;
import io.instflow.ifd.model.ContractHistory;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.FlowEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * IFD v3.0 for one underlying and expiration (spec sections 4 to 7): when the watermark passes a
 * window's end, every contract window of that window is scored together, so market making can see
 * the put of a call's strike and coordination its neighbours. Emits signals; pressure metrics and
 * rejections (with every failed gate) go to side outputs. The futures' trades come in as broadcast
 * state, for the underlying price at each window's end.
 */
public final class DetectorFunction extends KeyedBroadcastProcessFunction<String, ContractWindow, FlowEvent, Signal> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<PressureMetrics> PRESSURE =
            new OutputTag<>("pressure", new org.apache.flink.formats.avro.typeutils.AvroTypeInfo<>(PressureMetrics.class));
    public static final OutputTag<io.instflow.avro.PipelineMetric> METRICS =
            new OutputTag<>("detector-metrics", new org.apache.flink.formats.avro.typeutils.AvroTypeInfo<>(io.instflow.avro.PipelineMetric.class));
    /** Recent trades of each future by symbol, as {@link PriceHistory} arrays. */
    public static final MapStateDescriptor<String, long[]> FUTURES_PRICES = new MapStateDescriptor<>("futures-prices",
            Types.STRING, org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    private static final long PRICE_HISTORY_NS = 15 * 60_000_000_000L;
    public static final OutputTag<Rejection> REJECTIONS =
            new OutputTag<>("rejections", new org.apache.flink.formats.avro.typeutils.AvroTypeInfo<>(Rejection.class));

    private static final String COMPAT = "compat";

    private final DetectorParams params;
    private final String parameterVersion;
    private final long windowNs;
    /** Contract windows waiting for their window to close (lifetime: until the window's timer). */
    private transient ListState<ContractWindow> waiting;
    /** Windows are kept until evaluated; with object reuse the input instance is not ours to keep. */
    private transient TypeSerializer<ContractWindow> windowCopier;
    /** Per contract: recent windows, market-making volumes, baseline days (lifetime: pruned to the lookback). */
    private transient MapState<Long, ContractHistory> histories;

    public DetectorFunction(DetectorParams params, int windowMinutes) {
        this.params = params;
        this.parameterVersion = Integer.toHexString(params.hashCode());
        this.windowNs = windowMinutes * 60_000_000_000L;
    }

    @Override
    public void open(OpenContext context) {
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", Types.POJO(ContractWindow.class)));
        windowCopier = getRuntimeContext().createSerializer(Types.POJO(ContractWindow.class));
        histories = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("histories", Types.LONG, Types.POJO(ContractHistory.class)));
    }

    @Override
    public void processElement(ContractWindow w, ReadOnlyContext ctx, Collector<Signal> out) throws Exception {
        waiting.add(windowCopier.copy(w));
        ctx.timerService().registerEventTimeTimer(w.windowEnd / 1_000_000L);
    }

    /** A futures trade: kept (the last 15 minutes per symbol) for the underlying price of later window ends. */
    @Override
    public void processBroadcastElement(FlowEvent trade, Context ctx, Collector<Signal> out) throws Exception {
        var prices = ctx.getBroadcastState(FUTURES_PRICES);
        String symbol = trade.contract.rawSymbol;
        prices.put(symbol, PriceHistory.append(prices.get(symbol), trade.tsEvent, trade.price, PRICE_HISTORY_NS));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Signal> out) throws Exception {
        List<ContractWindow> due = new ArrayList<>();
        List<ContractWindow> later = new ArrayList<>();
        for (ContractWindow w : waiting.get()) {
            (w.windowEnd / 1_000_000L <= timestamp ? due : later).add(w);
        }
        waiting.update(later);
        Map<Long, ContractHistory> touched = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        for (ContractWindow w : due) {
            ContractHistory h = history(w.contract);
            if (w.windowStart <= h.lastWindowStart) {
                // already observed: a replay after a restore must not count a window twice
                continue;
            }
            touched.put(w.contract.instrumentId, h);
            Candidate c = observe(w, h);
            ctx.output(PRESSURE, pressure(w));
            if (c != null) {
                candidates.add(c);
            }
        }
        Map<String, ContractHistory> byStrike = new HashMap<>();
        for (Map.Entry<Long, ContractHistory> e : histories.entries()) {
            ContractHistory h = touched.getOrDefault(e.getKey(), e.getValue());
            byStrike.put(h.strike + (h.call ? "C" : "P"), h);
        }
        touched.values().forEach(h -> byStrike.put(h.strike + (h.call ? "C" : "P"), h));
        List<Coordination.Peer> peers = new ArrayList<>();
        for (Candidate c : candidates) {
            peers.add(new Coordination.Peer(c.window.contract.instrumentId, c.window.contract.strikePoints(),
                    c.underlyingDirection(), c.components.raw()));
        }
        Map<String, Integer> signalsByTier = new java.util.TreeMap<>();
        int rejected = 0;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            ContractHistory self = touched.get(c.window.contract.instrumentId);
            ContractHistory partner = byStrike.get(self.strike + (self.call ? "P" : "C"));
            double spoof = MarketMaking.spoofRatio(c.window.stats, c.components.direction());
            double mm;
            Decision d;
            if (COMPAT.equals(params.algorithm())) {
                WindowStats st = c.window.stats;
                CompatScorer.Result r = CompatScorer.score(st.buyVolume, st.sellVolume,
                        PressureMath.pressureConfidence(st.trades, st.buyShare()), straddle(self, partner, c.window));
                mm = r.mm();
                d = Scorer.decideCompat(self.call, st, r, spoof, params);
                c = new Candidate(c.window, new ComponentScores(c.components.direction(), r.significance(), r.trend(),
                        r.concentration(), r.persistence(), r.raw()), new Baseline(true, 0, r.z(), 0));
            } else {
                mm = marketMaking(self, partner, c.window);
                double coordination = Coordination.score(peers.get(i), peers, params.coordinationStrikePoints());
                d = Scorer.decide(self.call, c.window.stats, c.components, c.baseline, mm, spoof, coordination, params);
            }
            if (d.signal()) {
                Long underlying = PriceHistory.priceAt(ctx.getBroadcastState(FUTURES_PRICES).get(c.window.contract.underlying),
                        c.window.windowEnd);
                out.collect(signal(c, d, mm, spoof, underlying));
                signalsByTier.merge(d.tier(), 1, Integer::sum);
            } else {
                rejected++;
            }
            if (!d.signal() || params.diagnostics()) {
                ctx.output(REJECTIONS, rejection(c, d, mm, spoof));
            }
        }
        for (Map.Entry<Long, ContractHistory> e : touched.entrySet()) {
            histories.put(e.getKey(), e.getValue());
        }
        report(ctx, timestamp, due.size(), candidates.size(), signalsByTier, rejected);
    }

    /** Per evaluated window: windows, candidates, signals by tier, rejections, emit latency, watermark lag. */
    private void report(OnTimerContext ctx, long windowEndMs, int windows, int candidates, Map<String, Integer> signals,
            int rejected) {
        long now = System.currentTimeMillis();
        long start = (windowEndMs * 1_000_000L) - windowNs;
        metric(ctx, "windows", windows, "count", start, Map.of());
        metric(ctx, "candidates", candidates, "count", start, Map.of());
        metric(ctx, "rejections", rejected, "count", start, Map.of());
        signals.forEach((tier, n) -> metric(ctx, "signals", n, "count", start, Map.of("tier", tier)));
        metric(ctx, "emit_latency_ms", now - windowEndMs, "ms", start, Map.of());
        long watermark = ctx.timerService().currentWatermark();
        if (watermark > Long.MIN_VALUE && watermark < Long.MAX_VALUE) {
            metric(ctx, "watermark_lag_ms", now - watermark, "ms", start, Map.of());
        }
    }

    private void metric(OnTimerContext ctx, String name, double value, String unit, long windowStart, Map<String, String> tags) {
        ctx.output(METRICS, io.instflow.avro.PipelineMetric.newBuilder().setJob("ifd-" + params.profile())
                .setProfile(params.profile()).setTs(System.currentTimeMillis() * 1_000_000L).setName(name).setValue(value)
                .setUnit(unit).setWindowStart(windowStart).setWindowEnd(windowStart + windowNs)
                .setTags(new HashMap<>(tags)).build());
    }

    private ContractHistory history(ContractInfo contract) throws Exception {
        ContractHistory h = histories.get(contract.instrumentId);
        if (h == null) {
            h = new ContractHistory();
            h.instrumentId = contract.instrumentId;
            h.call = contract.isCall();
            h.strike = contract.strike;
            h.recent = new double[params.lookbackWindows()];
        }
        return h;
    }

    /** Updates the contract's history with the window; returns a candidate when a side dominates. */
    private Candidate observe(ContractWindow w, ContractHistory h) {
        WindowStats s = w.stats;
        double lp = s.logPressure();
        long shift = h.lastWindowStart == Long.MIN_VALUE ? h.recent.length
                : Math.min(h.recent.length, (w.windowStart - h.lastWindowStart) / windowNs);
        double[] recent = new double[h.recent.length];
        for (int i = 0; i + shift < recent.length; i++) {
            recent[i] = h.recent[(int) (i + shift)];
        }
        recent[recent.length - 1] = lp;
        h.recent = recent;
        h.lastWindowStart = w.windowStart;
        if (s.trades > 0) {
            h.seen++;
        }
        appendVolume(h, w.windowEnd, s.classifiedVolume());
        long today = TradingDate.of(w.windowStart);
        Baseline baseline = Baseline.of(days(h), today, lp, params.lookbackDays(), params.baselineMinDays());
        addToDay(h, today, lp, s.classifiedVolume());
        if (PressureMath.dominantSide(s.buyShare()) == 0) {
            return null;
        }
        int windowsSeen = Math.min(h.seen, recent.length);
        return new Candidate(w, ComponentScores.of(s, recent, windowsSeen, params), baseline);
    }

    /** The straddle score of the strike, as the prototype's market-making estimate used it. */
    private double straddle(ContractHistory self, ContractHistory partner, ContractWindow w) {
        long since = w.windowEnd - params.mmHistory() * windowNs;
        long own = recentVolume(self, since);
        long other = partner == null ? 0 : recentVolume(partner, since);
        double apart = apartSeconds(partner, since, w, other);
        return MarketMaking.straddle(self.call ? own : other, self.call ? other : own, apart, params.mmStraddleWindowSeconds());
    }

    /**
     * Market making over the strike's last {@code mm.history} window periods (time, not active
     * windows: a quiet contract's trades from hours ago say nothing about a straddle now).
     */
    private double marketMaking(ContractHistory self, ContractHistory partner, ContractWindow w) {
        long since = w.windowEnd - params.mmHistory() * windowNs;
        long own = recentVolume(self, since);
        long other = partner == null ? 0 : recentVolume(partner, since);
        double apart = apartSeconds(partner, since, w, other);
        long calls = self.call ? own : other;
        long puts = self.call ? other : own;
        return MarketMaking.probability(calls, puts, apart, params.mmStraddleWindowSeconds(), w.stats.quoteMarketMaking());
    }

    /** Seconds between the window and the partner's nearest window with volume; infinity without one. */
    private static double apartSeconds(ContractHistory partner, long since, ContractWindow w, long partnerVolume) {
        if (partnerVolume == 0) {
            return Double.POSITIVE_INFINITY;
        }
        long nearest = Long.MAX_VALUE;
        for (int i = 0; i < partner.volumeEnds.length; i++) {
            if (partner.volumes[i] > 0 && partner.volumeEnds[i] > since) {
                nearest = Math.min(nearest, Math.abs(partner.volumeEnds[i] - w.windowEnd));
            }
        }
        return nearest / 1e9;
    }

    private static long recentVolume(ContractHistory h, long since) {
        long sum = 0;
        for (int i = 0; i < h.volumes.length; i++) {
            if (h.volumeEnds[i] > since) {
                sum += h.volumes[i];
            }
        }
        return sum;
    }

    private void appendVolume(ContractHistory h, long windowEnd, long volume) {
        int n = Math.min(h.volumes.length + 1, params.mmHistory());
        long[] ends = new long[n];
        long[] volumes = new long[n];
        int keep = n - 1;
        System.arraycopy(h.volumeEnds, h.volumeEnds.length - keep, ends, 0, keep);
        System.arraycopy(h.volumes, h.volumes.length - keep, volumes, 0, keep);
        ends[n - 1] = windowEnd;
        volumes[n - 1] = volume;
        h.volumeEnds = ends;
        h.volumes = volumes;
    }

    private static Map<Long, DailyStats> days(ContractHistory h) {
        Map<Long, DailyStats> out = new HashMap<>();
        for (int i = 0; i < h.dates.length; i++) {
            out.put(h.dates[i], h.days[i]);
        }
        return out;
    }

    /** Adds the window to its trading day and drops days beyond the lookback plus five trading days. */
    private void addToDay(ContractHistory h, long today, double lp, long volume) {
        int at = -1;
        for (int i = 0; i < h.dates.length; i++) {
            if (h.dates[i] == today) {
                at = i;
            }
        }
        if (at < 0) {
            long oldest = TradingDate.minusTradingDays(today, params.lookbackDays() + 5);
            List<Long> dates = new ArrayList<>();
            List<DailyStats> days = new ArrayList<>();
            for (int i = 0; i < h.dates.length; i++) {
                if (h.dates[i] >= oldest) {
                    dates.add(h.dates[i]);
                    days.add(h.days[i]);
                }
            }
            dates.add(today);
            days.add(new DailyStats());
            h.dates = dates.stream().mapToLong(Long::longValue).toArray();
            h.days = days.toArray(new DailyStats[0]);
            at = h.dates.length - 1;
        }
        h.days[at].add(lp, volume);
    }

    private PressureMetrics pressure(ContractWindow w) {
        WindowStats s = w.stats;
        ContractInfo c = w.contract;
        double buyShare = s.buyShare();
        long volume = s.buyVolume + s.sellVolume + s.unknownVolume;
        return PressureMetrics.newBuilder()
                .setInstrumentId(c.instrumentId).setRawSymbol(c.rawSymbol).setRoot(c.root).setUnderlying(c.underlying)
                .setExpiration(c.expiration).setStrikePrice(c.strike)
                .setOptionType(c.isCall() ? OptionType.CALL : OptionType.PUT)
                .setWindowStart(w.windowStart).setWindowEnd(w.windowEnd)
                .setBuyVolume(s.buyVolume).setSellVolume(s.sellVolume).setUnknownVolume(s.unknownVolume)
                .setTrades(s.trades).setAvgTradeSize(s.trades == 0 ? 0 : (double) volume / s.trades)
                .setMaxTradeSize(s.maxTradeSize).setBlockTrades(s.blockTrades)
                .setPremium(s.priceVolume * c.multiplier / 1e9)
                .setVwap(volume == 0 ? null : Math.round(s.priceVolume / volume * 1e9))
                .setLogPressure(s.logPressure()).setPressureRatio(Math.exp(s.logPressure())).setBuyShare(buyShare)
                .setDominantSide(switch (PressureMath.dominantSide(buyShare)) {
                    case 1 -> DominantSide.BUY;
                    case -1 -> DominantSide.SELL;
                    default -> DominantSide.NEUTRAL;
                })
                .setPressureConfidence(PressureMath.pressureConfidence(s.trades, buyShare))
                .setMeanBidSize(s.quoteTime == 0 ? 0 : s.bidSizeTime / s.quoteTime)
                .setMeanAskSize(s.quoteTime == 0 ? 0 : s.askSizeTime / s.quoteTime)
                .setQuoteUpdates(s.quoteUpdates)
                .setSource(s.degraded ? "BARCHART" : "DATABENTO").setDegraded(s.degraded)
                .setDelayMs(s.degraded ? s.delayMs : null)
                .build();
    }

    private Signal signal(Candidate c, Decision d, double mm, double spoof, Long underlyingPrice) {
        return Signal.newBuilder()
                .setSignalId(SignalIds.of(params.algorithm(), params.profile(), c.window.contract.instrumentId,
                        c.window.windowStart))
                .setAlgorithm(params.algorithm()).setProfile(params.profile()).setParameterVersion(parameterVersion)
                .setMetrics(pressure(c.window))
                .setZScore(c.baseline.present() ? c.baseline.z() : null)
                .setPercentileRank(c.baseline.present() ? c.baseline.percentileRank() : null)
                .setDataQuality(c.baseline.dataQuality()).setComponents(components(c.components))
                .setMmProbability(mm).setSpoofRatio(spoof).setCoordination(d.coordination())
                .setBaselineConfidence(d.baselineConfidence()).setFinalConfidence(d.finalConfidence())
                .setTier(Tier.valueOf(d.tier())).setStrengthScore(d.strengthScore()).setSizeMultiplier(d.sizeMultiplier())
                .setDirection(Direction.valueOf(d.direction())).setAction(SignalAction.valueOf(d.action()))
                .setRiskScore(d.riskScore()).setMaxPositionRisk(d.maxPositionRisk())
                .setUnderlyingPrice(underlyingPrice)
                .setEmittedAt(System.currentTimeMillis() * 1_000_000L)
                .build();
    }

    private Rejection rejection(Candidate c, Decision d, double mm, double spoof) {
        return Rejection.newBuilder()
                .setRejectionId(SignalIds.of(params.algorithm(), params.profile(), c.window.contract.instrumentId,
                        c.window.windowStart))
                .setAlgorithm(params.algorithm()).setProfile(params.profile()).setParameterVersion(parameterVersion)
                .setMetrics(pressure(c.window)).setFailedGates(d.failedGates())
                .setReason(d.signal() ? "candidate (diagnostic output)" : "failed " + String.join(", ", d.failedGates())
                        + String.format(" (final %.3f, mm %.2f, spoof %.2f)", d.finalConfidence(), mm, spoof))
                .setZScore(c.baseline.present() ? c.baseline.z() : null)
                .setPercentileRank(c.baseline.present() ? c.baseline.percentileRank() : null)
                .setDataQuality(c.baseline.dataQuality()).setComponents(components(c.components))
                .setMmProbability(mm).setSpoofRatio(spoof).setCoordination(d.coordination())
                .setBaselineConfidence(d.baselineConfidence()).setFinalConfidence(d.finalConfidence())
                .setTier(Tier.valueOf(d.tier())).setDirection(Direction.valueOf(d.direction()))
                .setDiagnostic(d.signal())
                .setEmittedAt(System.currentTimeMillis() * 1_000_000L)
                .build();
    }

    private static Components components(ComponentScores c) {
        return Components.newBuilder().setSignificance(c.significance()).setTrend(c.trend())
                .setConcentration(c.concentration()).setPersistence(c.persistence()).setRaw(c.raw()).build();
    }

    /** A contract window whose dominant side makes it a candidate. */
    private record Candidate(ContractWindow window, ComponentScores components, Baseline baseline) {
        /** +1 when the flow implies the underlying up, -1 down. */
        int underlyingDirection() {
            boolean call = window.contract.isCall();
            return (call == (components.direction() > 0)) ? 1 : -1;
        }
    }
}
