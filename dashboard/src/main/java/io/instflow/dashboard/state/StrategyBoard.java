package io.instflow.dashboard.state;

import io.instflow.avro.StrategyTrade;
import io.instflow.dashboard.model.StrategyView;
import io.instflow.strategies.functions.StrategyRecords;
import io.instflow.strategies.logic.ClosedTrade;
import io.instflow.strategies.logic.StrategyStats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paper strategies' figures from their round trips on {@code strategy.pnl}, per strategy and
 * per tier, computed as the report computes them ({@link StrategyStats}), with the equity after
 * each of the latest {@code curvePoints} round trips. A round trip read twice (ids are
 * deterministic) counts once. Exposure is against the span of the bars the dashboard has seen.
 */
public final class StrategyBoard {

    private final int curvePoints;
    private final Map<String, Account> accounts = new TreeMap<>();
    private long firstBarStartMs = Long.MAX_VALUE;
    private long lastBarEndMs = Long.MIN_VALUE;

    /** A strategy's round trips in the order they arrived, by id (a strategy closes tens a day). */
    private static final class Account {
        String profile;
        long lastExitMs;
        final Map<String, ClosedTrade> trades = new LinkedHashMap<>();
    }

    public StrategyBoard(int curvePoints) {
        this.curvePoints = curvePoints;
    }

    /** Adds a round trip; false when it was already counted. */
    public boolean apply(StrategyTrade t) {
        Account a = accounts.computeIfAbsent(t.getStrategy(), k -> new Account());
        if (a.trades.putIfAbsent(t.getTradeId(), StrategyRecords.closedTrade(t)) != null) {
            return false;
        }
        a.profile = t.getProfile();
        a.lastExitMs = Math.max(a.lastExitMs, t.getExitTs() / 1_000_000L);
        return true;
    }

    /** Widens the observed span, the exposure's denominator, to a bar's. */
    public void observe(long barStartMs, long barEndMs) {
        firstBarStartMs = Math.min(firstBarStartMs, barStartMs);
        lastBarEndMs = Math.max(lastBarEndMs, barEndMs);
    }

    public StrategyView view(String strategy) {
        Account a = accounts.get(strategy);
        List<ClosedTrade> trades = new ArrayList<>(a.trades.values());
        long observedMs = lastBarEndMs > firstBarStartMs ? lastBarEndMs - firstBarStartMs : 0;
        List<StrategyView.TierView> tiers = new ArrayList<>();
        StrategyStats.byTier(trades, observedMs)
                .forEach(
                        (tier, st) ->
                                tiers.add(
                                        new StrategyView.TierView(
                                                tier, st.trades(), st.netUsd(), st.hitRate())));
        List<Double> curve = StrategyStats.equityCurve(trades);
        return StrategyView.of(
                strategy,
                a.profile,
                StrategyStats.of(trades, observedMs),
                observedMs > 0,
                a.lastExitMs,
                curve.subList(Math.max(0, curve.size() - curvePoints), curve.size()),
                tiers);
    }

    public List<StrategyView> all() {
        List<StrategyView> out = new ArrayList<>();
        accounts.keySet().forEach(s -> out.add(view(s)));
        return out;
    }

    /** The views of {@code strategies}, in their order. */
    public List<StrategyView> views(Iterable<String> strategies) {
        Map<String, StrategyView> out = new LinkedHashMap<>();
        strategies.forEach(s -> out.put(s, view(s)));
        return new ArrayList<>(out.values());
    }
}
