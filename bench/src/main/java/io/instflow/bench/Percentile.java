package io.instflow.bench;

import java.util.List;

/** Nearest-rank percentiles of sorted figures, as the benchmarks print them. */
final class Percentile {

    private Percentile() {}

    /** The {@code p} (0 to 1) nearest-rank percentile of {@code sorted}, "n/a" when empty. */
    static String of(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return "n/a";
        }
        return Long.toString(
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
    }

    /** The median of {@code figures} (the mean of the middle two when even); NaN when empty. */
    static double median(List<Double> figures) {
        if (figures.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = figures.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1
                ? sorted.get(middle)
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
