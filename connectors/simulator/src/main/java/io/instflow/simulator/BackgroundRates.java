package io.instflow.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Per-second rates of one kind of background event over the listed contracts, held for a while and
 * sampled as one Poisson stream: how many events a step has, then which contract each falls on in
 * proportion to its rate. Costs a step O(events × log contracts) instead of a draw per contract,
 * which the full universe's thousands of instruments need.
 */
final class BackgroundRates {

    private int[] contracts = new int[0];
    private double[] cumulative = new double[0];
    private int size;

    /** Recomputes the rates of the contracts listed at {@code now}. */
    void rebuild(List<Contract> chain, long now, ToDoubleFunction<Contract> ratePerSecond) {
        if (contracts.length < chain.size()) {
            contracts = new int[chain.size()];
            cumulative = new double[chain.size()];
        }
        size = 0;
        double total = 0;
        for (Contract c : chain) {
            if (!c.listedAt(now)) {
                continue;
            }
            double rate = ratePerSecond.applyAsDouble(c);
            if (rate > 0) {
                total += rate;
                contracts[size] = c.index();
                cumulative[size] = total;
                size++;
            }
        }
    }

    /** Events per second over all contracts. */
    double total() {
        return size == 0 ? 0 : cumulative[size - 1];
    }

    /** The events of a step of {@code seconds}: each a contract's index. */
    int[] sample(SplittableRandom random, double seconds) {
        int n = poisson(random, total() * seconds);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            double u = random.nextDouble() * total();
            int at = Arrays.binarySearch(cumulative, 0, size, u);
            out[k] = contracts[Math.min(size - 1, at >= 0 ? at + 1 : -at - 1)];
        }
        return out;
    }

    /** Knuth's method: the means here are a few events a step at most. */
    private static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            n++;
            product *= random.nextDouble();
        }
        return n;
    }
}
