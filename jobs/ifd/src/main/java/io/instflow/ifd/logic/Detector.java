package io.instflow.ifd.logic;

import io.instflow.book.Aggressor;
import io.instflow.ifd.model.BaselineDays;
import io.instflow.ifd.model.ContractHistory;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.PressureMath;
import io.instflow.ifd.model.WindowStats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * IFD v3.0, v3.1 (docs/ifd-v3.1.md) or the prototype's {@code compat} scoring for one underlying
 * and expiration (spec sections 4 to 7), without Flink: every contract window of one window period
 * is evaluated together, so market making sees the put of a call's strike and coordination its
 * neighbours. The caller owns the contracts' histories and keeps what {@link #evaluate} updates.
 */
public final class Detector {

    private static final String COMPAT = "compat";
    private static final Comparator<ContractWindow> BY_CONTRACT_AND_TIME =
            Comparator.<ContractWindow>comparingLong(w -> w.contract.instrumentId)
                    .thenComparingLong(w -> w.windowStart);

    private final DetectorParams params;
    private final long windowNs;
    private final ContractHistories histories;
    private final BaselineSeed seed;

    public Detector(DetectorParams params, long windowNs) {
        this(params, windowNs, BaselineSeed.EMPTY);
    }

    /**
     * @param seed baselines a contract or pool without history starts from ({@code instflow
     *     backfill})
     */
    public Detector(DetectorParams params, long windowNs, BaselineSeed seed) {
        this.params = params;
        this.windowNs = windowNs;
        this.histories = new ContractHistories(params, windowNs);
        this.seed = seed;
    }

    /** The underlying's last trade price at a time, 1e-9 units, or null when there is none yet. */
    @FunctionalInterface
    public interface UnderlyingPrices {
        UnderlyingPrices NONE = (underlying, timeNs) -> null;

        Long at(String underlying, long timeNs);
    }

    /** A candidate's outcome: signal or rejection, with the filter values it was judged on. */
    public record Verdict(
            Candidate candidate, Decision decision, double marketMaking, double spoof) {

        /**
         * One line for the diagnostics log: contract, window start, outcome, confidence and every
         * gate's value against its threshold.
         */
        public String describe() {
            StringBuilder line =
                    new StringBuilder()
                            .append(candidate.window().contract.rawSymbol)
                            .append(" window ")
                            .append(
                                    java.time.Instant.ofEpochMilli(
                                            candidate.window().windowStart / 1_000_000L))
                            .append(": ")
                            .append(
                                    decision.signal()
                                            ? "signal " + decision.tier()
                                            : decision.nearMiss() ? "near miss" : "rejected")
                            .append(
                                    String.format(
                                            java.util.Locale.ROOT,
                                            ", confidence %.3f,",
                                            decision.finalConfidence()));
            for (Gate g : decision.gates()) {
                line.append(
                        String.format(
                                java.util.Locale.ROOT,
                                " %s %.3f %s %.3f%s;",
                                g.name(),
                                g.value(),
                                g.atMost() ? "<=" : ">=",
                                g.threshold(),
                                g.passed() ? "" : " FAILED"));
            }
            return line.toString();
        }
    }

    /**
     * What one evaluation did.
     *
     * @param observed the windows added to their contracts' histories (each gets a pressure record)
     * @param verdicts every candidate's verdict, by expiration, instrument id and window start
     * @param updated the histories changed or created, by instrument id
     * @param updatedPools the v3.1 baseline pools changed or created, by pool key
     */
    public record Evaluation(
            List<ContractWindow> observed,
            List<Verdict> verdicts,
            Map<Long, ContractHistory> updated,
            Map<String, BaselineDays> updatedPools) {

        /** Signals per tier, in tier name order. */
        public Map<String, Integer> signalsByTier() {
            Map<String, Integer> tiers = new TreeMap<>();
            verdicts.stream()
                    .filter(v -> v.decision().signal())
                    .forEach(v -> tiers.merge(v.decision().tier(), 1, Integer::sum));
            return tiers;
        }

        public int rejected() {
            return (int) verdicts.stream().filter(v -> !v.decision().signal()).count();
        }
    }

    /** Evaluates the windows that closed, without pools (v3.0 and compat need none). */
    public Evaluation evaluate(List<ContractWindow> due, Map<Long, ContractHistory> known) {
        return evaluate(due, known, Map.of(), UnderlyingPrices.NONE);
    }

    /**
     * Evaluates the windows that closed. Each expiration is judged on its own (market making and
     * coordination within one expiry, as spec section 5 has it); v3.1's structures (calendars) and
     * baseline pools span every expiration of the underlying.
     *
     * @param due the contract windows of this window period, of one underlying
     * @param known every history of the underlying by instrument id; read only
     * @param pools every baseline pool of the underlying by key; read only
     * @param prices the underlying's price, for the pools' moneyness
     */
    public Evaluation evaluate(
            List<ContractWindow> due,
            Map<Long, ContractHistory> known,
            Map<String, BaselineDays> pools,
            UnderlyingPrices prices) {
        Map<Long, ContractHistory> updated = new HashMap<>();
        Map<String, BaselineDays> updatedPools = new HashMap<>();
        List<ContractWindow> observed = new ArrayList<>();
        Map<Long, List<Candidate>> candidatesByExpiry = new TreeMap<>();
        // a fixed order, so sums over candidates do not depend on the order windows arrived in
        List<ContractWindow> ordered = new ArrayList<>(due);
        ordered.sort(BY_CONTRACT_AND_TIME);
        for (ContractWindow w : ordered) {
            ContractHistory h = updated.get(w.contract.instrumentId);
            if (h == null) {
                ContractHistory stored = known.get(w.contract.instrumentId);
                h = stored == null ? startHistory(w) : stored;
            }
            if (w.windowStart <= h.lastWindowStart) {
                // already observed: a replay after a restore must not count a window twice
                continue;
            }
            updated.put(w.contract.instrumentId, h);
            observed.add(w);
            BaselineDays pool = params.isV31() ? pool(w, pools, updatedPools, prices) : null;
            Candidate c = histories.observe(w, h, pool);
            if (c != null) {
                candidatesByExpiry
                        .computeIfAbsent(w.contract.expiration, e -> new ArrayList<>())
                        .add(c);
            }
        }
        Structures.Found legs =
                params.isV31()
                        ? Structures.find(
                                observed,
                                params.structureMinLegSize(),
                                params.structureMatchMs() * 1_000_000L,
                                params.structureSizeTolerance())
                        : null;
        List<Verdict> verdicts = new ArrayList<>();
        candidatesByExpiry.forEach(
                (expiration, candidates) ->
                        verdicts.addAll(judge(expiration, candidates, legs, known, updated)));
        return new Evaluation(observed, verdicts, updated, updatedPools);
    }

    private ContractHistory startHistory(ContractWindow w) {
        ContractHistory h = histories.create(w.contract);
        BaselineDays seeded = seed.contract(w.contract.rawSymbol);
        if (seeded != null) {
            h.baseline = seeded.copy();
            // a contract with prior days is not new: trend and persistence read all its windows
            h.seen = (int) Math.min(h.recent.length, seeded.windows());
        }
        return h;
    }

    private BaselineDays pool(
            ContractWindow w,
            Map<String, BaselineDays> known,
            Map<String, BaselineDays> updated,
            UnderlyingPrices prices) {
        String key =
                BaselinePools.key(
                        w.contract, w.windowEnd, prices.at(w.contract.underlying, w.windowEnd));
        if (key == null) {
            return null;
        }
        return updated.computeIfAbsent(
                key,
                k -> {
                    BaselineDays stored = known.get(k);
                    if (stored != null) {
                        return stored;
                    }
                    BaselineDays seeded = seed.pool(k);
                    return seeded == null ? new BaselineDays() : seeded.copy();
                });
    }

    /** The verdicts of one expiration's candidates; {@code legs} is null but in v3.1. */
    private List<Verdict> judge(
            long expiration,
            List<Candidate> candidates,
            Structures.Found legs,
            Map<Long, ContractHistory> known,
            Map<Long, ContractHistory> updated) {
        Map<String, ContractHistory> byStrike = new HashMap<>();
        for (Map<Long, ContractHistory> histories : List.of(known, updated)) {
            histories.values().stream()
                    .filter(h -> h.expiration == expiration)
                    .forEach(h -> byStrike.put(strikeKey(h, h.call), h));
        }
        List<Coordination.Peer> peers = candidates.stream().map(Candidate::peer).toList();
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            ContractHistory self = updated.get(c.window().contract.instrumentId);
            ContractHistory partner = byStrike.get(strikeKey(self, !self.call));
            if (COMPAT.equals(params.algorithm())) {
                verdicts.add(compat(c, self, partner));
                continue;
            }
            double coordination =
                    Coordination.score(peers.get(i), peers, params.coordinationStrikePoints());
            verdicts.add(
                    legs == null
                            ? v3(c, self, partner, coordination)
                            : v31(c, self, partner, coordination, legs));
        }
        return verdicts;
    }

    private Verdict v3(
            Candidate c, ContractHistory self, ContractHistory partner, double coordination) {
        double spoof = MarketMaking.spoofRatio(c.window().stats, c.components().direction());
        VolumePair v = volumes(self, partner, c.window());
        double mm =
                MarketMaking.probability(
                        v.calls(),
                        v.puts(),
                        v.secondsApart(),
                        params.mmStraddleWindowSeconds(),
                        c.window().stats.quoteMarketMaking());
        Decision d =
                Scorer.decide(
                        self.call,
                        c.window().stats,
                        c.components(),
                        c.baseline(),
                        mm,
                        spoof,
                        coordination,
                        params);
        return new Verdict(c, d, mm, spoof);
    }

    /**
     * v3.0's scoring with v3.1's market making and event evidence; rejected as {@code
     * multi_leg:KIND} when at least {@code structure.min_share} of the candidate's volume on its
     * side was legs of a non-directional structure, and as {@code retail_flow} when its side's
     * aggressive orders average below {@code events.min_mean_order_size}.
     */
    private Verdict v31(
            Candidate c,
            ContractHistory self,
            ContractHistory partner,
            double coordination,
            Structures.Found legs) {
        WindowStats st = c.window().stats;
        int direction = c.components().direction();
        ComponentScores components = withEventEvidence(c.components(), st, c.baseline());
        double spoof = MarketMaking.spoofRatio(st, direction);
        VolumePair v = volumes(self, partner, c.window());
        double mm =
                MarketMaking.probabilityV31(
                        v.calls(),
                        v.puts(),
                        v.secondsApart(),
                        params.mmStraddleWindowSeconds(),
                        st.quoteMarketMaking());
        Decision d =
                Scorer.decide(
                        self.call, st, components, c.baseline(), mm, spoof, coordination, params);
        int side = direction > 0 ? Aggressor.BUY : Aggressor.SELL;
        long sideVolume = direction > 0 ? st.buyVolume : st.sellVolume;
        Structures.Share share = legs.largestNonDirectional(c.window().contract.instrumentId, side);
        List<Gate> filters = new ArrayList<>();
        if (share != null) {
            // a share at the minimum already rejects: the gate passes only strictly below it
            double legShare = sideVolume == 0 ? 1 : share.volume() / (double) sideVolume;
            filters.add(
                    new Gate(
                            "multi_leg:" + share.kind(),
                            legShare,
                            params.structureMinShare(),
                            true,
                            share.volume() < params.structureMinShare() * sideVolume));
        }
        double meanOrder = st.meanOrderSize(side);
        if (meanOrder > 0) {
            filters.add(Gate.atLeast("retail_flow", meanOrder, params.minMeanOrderSize()));
        }
        d = d.withGates(filters);
        return new Verdict(new Candidate(c.window(), components, c.baseline()), d, mm, spoof);
    }

    /**
     * A block or a sweep on the candidate's side carries persistence and trend by itself; raw is
     * recomputed with them. A block (a print of at least {@code pressure.block_size}) gives min(1,
     * size / (2 · block_size)); a sweep (a print over at least {@code events.sweep_min_levels}
     * price levels, at least T = max({@code events.sweep_min_size}, {@code
     * events.sweep_baseline_multiple} · the baseline's typical window volume)) gives min(1, size /
     * (2 · T)). Each of trend and persistence is at least the larger evidence.
     */
    private ComponentScores withEventEvidence(
            ComponentScores c, WindowStats st, Baseline baseline) {
        int side = c.direction() > 0 ? Aggressor.BUY : Aggressor.SELL;
        double sweepSize =
                Math.max(
                        params.sweepMinSize(),
                        params.sweepBaselineMultiple() * baseline.typicalVolume());
        double evidence = 0;
        for (int i = 0; i < st.printCount; i++) {
            if (st.printAggressor(i) != side) {
                continue;
            }
            long size = st.printSize(i);
            if (size >= params.blockSize()) {
                evidence = Math.max(evidence, Math.min(1, size / (2.0 * params.blockSize())));
            }
            if (st.printLevels(i) >= params.sweepMinLevels() && size >= sweepSize) {
                evidence = Math.max(evidence, Math.min(1, size / (2.0 * sweepSize)));
            }
        }
        if (evidence == 0) {
            return c;
        }
        double trend = Math.max(c.trend(), evidence);
        double persistence = Math.max(c.persistence(), evidence);
        double raw =
                0.4 * c.significance() + 0.3 * trend + 0.2 * c.concentration() + 0.1 * persistence;
        return new ComponentScores(
                c.direction(), c.significance(), trend, c.concentration(), persistence, raw);
    }

    /** The prototype's scoring: its own significance, trend and straddle estimate, no baseline. */
    private Verdict compat(Candidate c, ContractHistory self, ContractHistory partner) {
        WindowStats st = c.window().stats;
        double spoof = MarketMaking.spoofRatio(st, c.components().direction());
        VolumePair v = volumes(self, partner, c.window());
        double straddle =
                MarketMaking.straddle(
                        v.calls(), v.puts(), v.secondsApart(), params.mmStraddleWindowSeconds());
        CompatScorer.Result r =
                CompatScorer.score(
                        st.buyVolume,
                        st.sellVolume,
                        PressureMath.pressureConfidence(st.trades, st.buyShare()),
                        straddle);
        Decision d = Scorer.decideCompat(self.call, st, r, spoof, params);
        Candidate scored =
                new Candidate(
                        c.window(),
                        new ComponentScores(
                                c.components().direction(),
                                r.significance(),
                                r.trend(),
                                r.concentration(),
                                r.persistence(),
                                r.raw()),
                        new Baseline(true, 0, r.z(), 0));
        return new Verdict(scored, d, r.mm(), spoof);
    }

    /**
     * Call and put volume of the strike over the last {@code mm.history} window periods, and how
     * far apart.
     */
    private record VolumePair(long calls, long puts, double secondsApart) {}

    /**
     * Market making looks at the strike's last {@code mm.history} window periods (time, not active
     * windows: a quiet contract's trades from hours ago say nothing about a straddle now).
     */
    private VolumePair volumes(ContractHistory self, ContractHistory partner, ContractWindow w) {
        long since = w.windowEnd - params.mmHistory() * windowNs;
        long own = ContractHistories.volumeSince(self, since);
        long other = partner == null ? 0 : ContractHistories.volumeSince(partner, since);
        double apart =
                other == 0
                        ? Double.POSITIVE_INFINITY
                        : ContractHistories.secondsApart(partner, since, w.windowEnd);
        return self.call ? new VolumePair(own, other, apart) : new VolumePair(other, own, apart);
    }

    private static String strikeKey(ContractHistory h, boolean call) {
        return h.strike + (call ? "C" : "P");
    }
}
