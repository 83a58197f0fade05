package io.instflow.ifd.logic;

import java.util.List;

/**
 * One gate or filter a candidate was held to: the value measured, the threshold, and whether it
 * passed. A failed gate within {@link #NEAR_MISS} of its threshold is a near miss.
 *
 * @param atMost true when the value must stay at or below the threshold (market making, spoofing),
 *     false when it must reach it
 */
public record Gate(String name, double value, double threshold, boolean atMost, boolean passed) {

    /** How close to its threshold a failed gate must be for the candidate to be a near miss. */
    public static final double NEAR_MISS = 0.10;

    /** A gate the value must reach. */
    public static Gate atLeast(String name, double value, double threshold) {
        return new Gate(name, value, threshold, false, value >= threshold);
    }

    /** A gate the value must not exceed. */
    public static Gate atMost(String name, double value, double threshold) {
        return new Gate(name, value, threshold, true, value <= threshold);
    }

    /** Passed, or failed by less than {@link #NEAR_MISS} of the threshold. */
    public boolean near() {
        if (passed) {
            return true;
        }
        double slack = Math.abs(threshold) * NEAR_MISS;
        return atMost ? value <= threshold + slack : value >= threshold - slack;
    }

    /** The names of the gates that failed, in order. */
    public static List<String> failed(List<Gate> gates) {
        return gates.stream().filter(g -> !g.passed()).map(Gate::name).toList();
    }

    /** A rejected candidate whose every failed gate was near its threshold. */
    public static boolean nearMiss(List<Gate> gates) {
        return !failed(gates).isEmpty() && gates.stream().allMatch(Gate::near);
    }
}
