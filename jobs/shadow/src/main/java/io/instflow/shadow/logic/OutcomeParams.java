package io.instflow.shadow.logic;

import java.io.Serializable;
import java.util.List;

/**
 * How signals are judged by what the market did next (spec section 10).
 *
 * @param horizonsMinutes horizons after the window end, in event time
 * @param hitTicks a move beyond this many ticks is a hit (or a miss the other way)
 * @param tickPoints the future's tick, index points (NQ: 0.25)
 * @param pointValueUsd USD per index point per contract (NQ: 20)
 * @param costPerContractUsd costs per contract traded
 * @param maxPriceAgeMinutes a price older than this at a time is no price: the session had ended
 */
public record OutcomeParams(
        List<Integer> horizonsMinutes,
        double hitTicks,
        double tickPoints,
        double pointValueUsd,
        double costPerContractUsd,
        int maxPriceAgeMinutes)
        implements Serializable {

    public OutcomeParams {
        horizonsMinutes = List.copyOf(horizonsMinutes);
        if (horizonsMinutes.isEmpty() || horizonsMinutes.stream().anyMatch(h -> h <= 0)) {
            throw new IllegalArgumentException(
                    "outcome horizons must be positive minutes, got " + horizonsMinutes);
        }
    }

    public static OutcomeParams defaults() {
        return new OutcomeParams(List.of(5, 15, 30), 2, 0.25, 20, 2.5, 5);
    }

    public int longestHorizonMinutes() {
        return horizonsMinutes.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
