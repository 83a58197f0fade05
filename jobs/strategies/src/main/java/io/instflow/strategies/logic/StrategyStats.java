package io.instflow.strategies.logic;

import io.instflow.ifd.logic.TradingDate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a strategy did, as a desk reads it: net P&L with the standard error of a trade's mean, the
 * equity curve's largest drawdown, Sharpe and Sortino of the daily P&L (annualised over 252 trading
 * days), hit rate, average win and loss, and the share of the observed time a position was held.
 *
 * @param dailySharpe null with fewer than two trading dates or no variation
 * @param dailySortino null with fewer than two trading dates or no losing day
 */
public record StrategyStats(
        int trades,
        double netUsd,
        double meanTradeUsd,
        double meanTradeStandardError,
        double maxDrawdownUsd,
        Double dailySharpe,
        Double dailySortino,
        double hitRate,
        double averageWinUsd,
        double averageLossUsd,
        double exposure) {

    private static final double TRADING_DAYS = 252;

    /**
     * @param trades round trips in the order they closed
     * @param observedMs the time the strategy watched the market, for the exposure
     */
    public static StrategyStats of(List<ClosedTrade> trades, long observedMs) {
        int n = trades.size();
        double net = 0;
        double peak = 0;
        double drawdown = 0;
        double wins = 0;
        int winCount = 0;
        double losses = 0;
        int lossCount = 0;
        long heldMs = 0;
        Map<Long, Double> byDate = new TreeMap<>();
        for (ClosedTrade t : trades) {
            double p = t.netUsd();
            net += p;
            peak = Math.max(peak, net);
            drawdown = Math.max(drawdown, peak - net);
            if (p > 0) {
                wins += p;
                winCount++;
            } else if (p < 0) {
                losses += p;
                lossCount++;
            }
            heldMs += t.exitMs() - t.entryMs();
            byDate.merge(TradingDate.of(t.exitMs() * 1_000_000L), p, Double::sum);
        }
        double mean = n == 0 ? 0 : net / n;
        double sd = standardDeviation(trades.stream().map(ClosedTrade::netUsd).toList(), mean);
        List<Double> daily = new ArrayList<>(byDate.values());
        return new StrategyStats(
                n,
                net,
                mean,
                n < 2 ? Double.NaN : sd / Math.sqrt(n),
                drawdown,
                sharpe(daily),
                sortino(daily),
                n == 0 ? 0 : winCount / (double) n,
                winCount == 0 ? 0 : wins / winCount,
                lossCount == 0 ? 0 : losses / lossCount,
                observedMs <= 0 ? 0 : Math.min(1, heldMs / (double) observedMs));
    }

    /** The figures per tier of the signal that opened each trade, tiers in name order. */
    public static Map<String, StrategyStats> byTier(List<ClosedTrade> trades, long observedMs) {
        Map<String, List<ClosedTrade>> grouped = new TreeMap<>();
        trades.forEach(t -> grouped.computeIfAbsent(t.tier(), k -> new ArrayList<>()).add(t));
        Map<String, StrategyStats> out = new TreeMap<>();
        grouped.forEach((tier, list) -> out.put(tier, of(list, observedMs)));
        return out;
    }

    /** The equity after each trade, starting from 0. */
    public static List<Double> equityCurve(List<ClosedTrade> trades) {
        List<Double> curve = new ArrayList<>();
        double equity = 0;
        for (ClosedTrade t : trades) {
            equity += t.netUsd();
            curve.add(equity);
        }
        return curve;
    }

    private static Double sharpe(List<Double> daily) {
        if (daily.size() < 2) {
            return null;
        }
        double mean = daily.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sd = standardDeviation(daily, mean);
        return sd == 0 ? null : mean / sd * Math.sqrt(TRADING_DAYS);
    }

    private static Double sortino(List<Double> daily) {
        if (daily.size() < 2) {
            return null;
        }
        double mean = daily.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double downside = 0;
        for (double d : daily) {
            downside += Math.min(0, d) * Math.min(0, d);
        }
        downside = Math.sqrt(downside / daily.size());
        return downside == 0 ? null : mean / downside * Math.sqrt(TRADING_DAYS);
    }

    /** The sample standard deviation (n − 1); 0 for fewer than two values. */
    private static double standardDeviation(List<Double> values, double mean) {
        if (values.size() < 2) {
            return 0;
        }
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.size() - 1));
    }
}
