package io.instflow.strategies.functions;

import io.instflow.avro.Bar;
import io.instflow.avro.Signal;
import io.instflow.contract.flink.ValueGuard;

/**
 * What the strategies refuse to trade on, as dead letters with the reason: a signal whose
 * confidence or size multiplier could not size a position, a bar whose prices are not a bar's.
 */
public final class InputGuards {

    private InputGuards() {}

    public static ValueGuard<Signal> signals() {
        return (s, partition) -> {
            double confidence = s.getFinalConfidence();
            if (!(confidence >= 0 && confidence <= 1)) {
                return "final_confidence " + confidence + " is outside 0 to 1";
            }
            double multiplier = s.getSizeMultiplier();
            if (!(multiplier > 0 && multiplier < 1_000)) {
                return "size_multiplier " + multiplier + " is not a position size";
            }
            if (s.getMetrics().getUnderlying().isEmpty()) {
                return "the signal names no underlying future";
            }
            return null;
        };
    }

    public static ValueGuard<Bar> bars() {
        return (b, partition) -> {
            if (b.getIntervalSeconds() != 60) {
                return "a " + b.getIntervalSeconds() + "-second bar on the 1-minute topic";
            }
            if (b.getWindowEnd() <= b.getWindowStart()) {
                return "the bar ends at or before its start";
            }
            if (b.getLow() <= 0
                    || b.getLow() > Math.min(b.getOpen(), b.getClose())
                    || b.getHigh() < Math.max(b.getOpen(), b.getClose())) {
                return "prices open "
                        + b.getOpen()
                        + " high "
                        + b.getHigh()
                        + " low "
                        + b.getLow()
                        + " close "
                        + b.getClose()
                        + " do not make a bar";
            }
            return null;
        };
    }
}
