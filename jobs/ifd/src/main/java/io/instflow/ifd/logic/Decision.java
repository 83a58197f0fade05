package io.instflow.ifd.logic;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict on a candidate: its confidence, the gates it failed (empty for a signal) and, for
 * signals, tier, direction and action (spec section 7).
 *
 * @param tier MODERATE, HIGH, VERY_HIGH or EXTREME
 * @param direction of the underlying: LONG or SHORT
 * @param action STRONG_BUY, BUY, STRONG_SELL, SELL or MONITOR
 */
public record Decision(
        double baselineConfidence,
        double coordination,
        double finalConfidence,
        List<String> failedGates,
        String tier,
        int strengthScore,
        double sizeMultiplier,
        String direction,
        String action,
        double riskScore,
        double maxPositionRisk) {

    public Decision {
        failedGates = List.copyOf(failedGates);
    }

    public boolean signal() {
        return failedGates.isEmpty();
    }

    /** This verdict with {@code more} failures added after its own. */
    public Decision withFailures(List<String> more) {
        List<String> all = new ArrayList<>(failedGates);
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
