package io.instflow.ifd.logic;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict on a candidate: its confidence, every gate it was held to with the value measured,
 * the gates it failed (empty for a signal) and, for signals, tier, direction and action (spec
 * section 7).
 *
 * @param tier MODERATE, HIGH, VERY_HIGH or EXTREME
 * @param direction of the underlying: LONG or SHORT
 * @param action STRONG_BUY, BUY, STRONG_SELL, SELL or MONITOR
 */
public record Decision(
        double baselineConfidence,
        double coordination,
        double finalConfidence,
        List<Gate> gates,
        String tier,
        int strengthScore,
        double sizeMultiplier,
        String direction,
        String action,
        double riskScore,
        double maxPositionRisk) {

    public Decision {
        gates = List.copyOf(gates);
    }

    /** The names of the gates failed, in the order they were checked. */
    public List<String> failedGates() {
        return Gate.failed(gates);
    }

    public boolean signal() {
        return gates.stream().allMatch(Gate::passed);
    }

    /** A rejection whose every failed gate was within {@link Gate#NEAR_MISS} of its threshold. */
    public boolean nearMiss() {
        return Gate.nearMiss(gates);
    }

    /** This verdict with {@code more} gates checked after its own. */
    public Decision withGates(List<Gate> more) {
        List<Gate> all = new ArrayList<>(gates);
        all.addAll(more);
        return new Decision(
                baselineConfidence,
                coordination,
                finalConfidence,
                all,
                tier,
                strengthScore,
                sizeMultiplier,
                direction,
                action,
                riskScore,
                maxPositionRisk);
    }
}
