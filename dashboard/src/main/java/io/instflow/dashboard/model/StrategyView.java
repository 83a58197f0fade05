package io.instflow.dashboard.model;

import java.util.List;

/**
 * A paper strategy as the page shows it: its round trips so far, net P&L after costs, the largest
 * drawdown of its equity, hit rate, the last round trip's time (ms since the epoch) and the equity
 * after each of its latest round trips.
 */
public record StrategyView(
        String strategy,
        String profile,
        long roundTrips,
        double netUsd,
        double maxDrawdownUsd,
        double hitRate,
        long lastExitMs,
        List<Double> equity) {}
