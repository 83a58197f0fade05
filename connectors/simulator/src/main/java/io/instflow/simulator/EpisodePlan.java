package io.instflow.simulator;

import java.util.List;

/**
 * An episode being played: what it targets and how it acts over time. Mutable progress (volume
 * traded, next action time) lives here; the immutable ground truth is built from it at the end.
 */
final class EpisodePlan {

    final String kind;
    final boolean buy;
    final List<Contract> targets;
    final long startNs;
    final long endNs;
    final boolean drift;
    long nextActionNs;
    long volume;

    /** The side a churn aggresses next: it alternates. */
    boolean churnBuy;

    /** Start and end (ns) of the futures drift that follows, once started. */
    long[] driftWindow;

    double driftPoints;

    EpisodePlan(
            String kind,
            boolean buy,
            List<Contract> targets,
            long startNs,
            long endNs,
            boolean drift) {
        this.kind = kind;
        this.buy = buy;
        this.targets = targets;
        this.startNs = startNs;
        this.endNs = endNs;
        this.drift = drift;
        this.nextActionNs = startNs;
        this.churnBuy = buy;
    }

    /** Share of the episode elapsed at {@code ns}, in [0, 1]. */
    double progress(long ns) {
        return Math.min(1, Math.max(0, (double) (ns - startNs) / (endNs - startNs)));
    }

    /** Direction of the future implied by the flow: +1 up, -1 down. */
    int impliedFutureDirection() {
        boolean call = targets.get(0).isCall();
        return (call == buy) ? 1 : -1;
    }
}
