package io.instflow.dashboard.model;

import io.instflow.strategies.logic.StrategyStats;

import java.util.List;

/**
 * A paper strategy as the page shows it: its round trips so far, net P&L after costs, the mean per
 * round trip with its standard error, the largest drawdown of its equity, daily Sharpe and Sortino
 * (annualised), hit rate, average win and loss, the share of the observed time a position was held,
 * the last round trip's time (ms since the epoch), the equity after each of its latest round trips,
 * and the same figures in short per tier of the opening signal.
 *
 * @param meanTradeStandardErrorUsd null with fewer than two round trips
 * @param dailySharpe null with fewer than two trading dates or no variation
 * @param dailySortino null with fewer than two trading dates or no losing day
 * @param exposure null before the dashboard has seen a bar
 */
public record StrategyView(
        String strategy,
        String profile,
        long roundTrips,
        double netUsd,
        double meanTradeUsd,
        Double meanTradeStandardErrorUsd,
        double maxDrawdownUsd,
        Double dailySharpe,
        Double dailySortino,
        double hitRate,
        double averageWinUsd,
        double averageLossUsd,
        Double exposure,
        long lastExitMs,
        List<Double> equity,
        List<TierView> tiers) {

    /** One tier's round trips, net and hit rate. */
    public record TierView(String tier, long roundTrips, double netUsd, double hitRate) {}

    public static StrategyView of(
            String strategy,
            String profile,
            StrategyStats st,
            boolean observed,
            long lastExitMs,
            List<Double> equity,
            List<TierView> tiers) {
        return new StrategyView(
                strategy,
                profile,
                st.trades(),
                st.netUsd(),
                st.meanTradeUsd(),
                Double.isNaN(st.meanTradeStandardError()) ? null : st.meanTradeStandardError(),
                st.maxDrawdownUsd(),
                st.dailySharpe(),
                st.dailySortino(),
                st.hitRate(),
                st.averageWinUsd(),
                st.averageLossUsd(),
                observed ? st.exposure() : null,
                lastExitMs,
                List.copyOf(equity),
                List.copyOf(tiers));
    }
}
