package io.instflow.shadow.logic;

/**
 * Running figures of a stream of per-signal outcomes: hit rate, Sharpe of per-signal P&L (mean over
 * standard deviation, not annualised: signals are not evenly spaced) and maximum drawdown of
 * cumulative P&L. A Flink POJO, so it lives in keyed state.
 */
public class RunningStats {

    public long signals;
    public long hits;
    public long misses;
    public double sumPnl;
    public double sumPnlSquared;
    public double cumulativePnl;
    public double peakPnl;
    public double maxDrawdown;

    public RunningStats() {}

    public void add(Outcome o) {
        signals++;
        if (o.result().equals(Outcome.HIT)) {
            hits++;
        } else if (o.result().equals(Outcome.MISS)) {
            misses++;
        }
        sumPnl += o.pnlUsd();
        sumPnlSquared += o.pnlUsd() * o.pnlUsd();
        cumulativePnl += o.pnlUsd();
        peakPnl = Math.max(peakPnl, cumulativePnl);
        maxDrawdown = Math.max(maxDrawdown, peakPnl - cumulativePnl);
    }

    public double hitRate() {
        return signals == 0 ? 0 : (double) hits / signals;
    }

    /**
     * Mean / sample standard deviation of per-signal P&L; null with fewer than two signals or no
     * spread.
     */
    public Double sharpe() {
        if (signals < 2) {
            return null;
        }
        double mean = sumPnl / signals;
        double variance = (sumPnlSquared - signals * mean * mean) / (signals - 1);
        return variance <= 0 ? null : mean / Math.sqrt(variance);
    }
}
