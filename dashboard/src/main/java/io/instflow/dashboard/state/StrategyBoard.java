package io.instflow.dashboard.state;

import io.instflow.avro.StrategyTrade;
import io.instflow.dashboard.model.StrategyView;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The paper strategies' running figures from their round trips on {@code strategy.pnl}, one per
 * strategy, with the equity after each of the latest {@code curvePoints} round trips. A round trip
 * read twice (ids are deterministic) counts once.
 */
public final class StrategyBoard {

    private final int curvePoints;
    private final Map<String, Account> accounts = new TreeMap<>();

    private static final class Account {
        String profile;
        long roundTrips;
        long wins;
        double net;
        double peak;
        double drawdown;
        long lastExitMs;
        final Deque<Double> equity = new ArrayDeque<>();
        final Set<String> seen = new HashSet<>();
    }

    public StrategyBoard(int curvePoints) {
        this.curvePoints = curvePoints;
    }

    /** Adds a round trip; false when it was already counted. */
    public boolean apply(StrategyTrade t) {
        Account a = accounts.computeIfAbsent(t.getStrategy(), k -> new Account());
        if (!a.seen.add(t.getTradeId())) {
            return false;
        }
        a.profile = t.getProfile();
        a.roundTrips++;
        a.wins += t.getNetUsd() > 0 ? 1 : 0;
        a.net += t.getNetUsd();
        a.peak = Math.max(a.peak, a.net);
        a.drawdown = Math.max(a.drawdown, a.peak - a.net);
        a.lastExitMs = Math.max(a.lastExitMs, t.getExitTs() / 1_000_000L);
        a.equity.addLast(a.net);
        if (a.equity.size() > curvePoints) {
            a.equity.removeFirst();
        }
        return true;
    }

    public StrategyView view(String strategy) {
        Account a = accounts.get(strategy);
        return new StrategyView(
                strategy,
                a.profile,
                a.roundTrips,
                a.net,
                a.drawdown,
                a.roundTrips == 0 ? 0 : a.wins / (double) a.roundTrips,
                a.lastExitMs,
                new ArrayList<>(a.equity));
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
