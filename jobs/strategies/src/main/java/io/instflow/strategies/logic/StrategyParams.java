package io.instflow.strategies.logic;

import java.time.LocalTime;
import java.util.List;

/**
 * One paper strategy: which signals it takes, how it sizes them, and its risk limits. Prices and
 * distances in index points; money in USD.
 *
 * @param name the strategy's name in its outputs
 * @param minTier the lowest tier it trades (MODERATE, HIGH, VERY_HIGH or EXTREME)
 * @param baseContracts contracts of a MODERATE signal of confidence 1, before the tier's {@code
 *     size_multiplier}
 * @param scaleByConfidence whether the size is also multiplied by the signal's confidence
 * @param maxPosition most contracts held at once; a larger entry is cut to it
 * @param maxDailyTrades most entries per CME trading date (sessions roll at 17:00 Chicago)
 * @param stopLossPoints distance of the stop from the entry price
 * @param takeProfitPoints distance of the target from the entry price
 * @param maxHoldingMinutes a position still open this long after its entry leaves at the next bar's
 *     open
 * @param sessionClose the session's close, Chicago time (NQ: 16:00)
 * @param noEntryMinutesBeforeClose no entries from this long before the close until the next
 *     session opens (17:00 Chicago)
 * @param maxEntryDelayMinutes a signal not filled this long after it became visible (a pause in
 *     trading, a weekend) is dropped
 * @param visibilityDelayMs the signal's visibility latency: it is acted on this long after its
 *     window ends, never at once
 * @param pointValueUsd USD per index point per contract (NQ: 20)
 * @param tickPoints the price increment (NQ: 0.25)
 * @param slippageTicks ticks each fill pays against the market price
 * @param costPerContractUsd commission and fees per contract per fill
 */
public record StrategyParams(
        String name,
        String minTier,
        double baseContracts,
        boolean scaleByConfidence,
        int maxPosition,
        int maxDailyTrades,
        double stopLossPoints,
        double takeProfitPoints,
        int maxHoldingMinutes,
        LocalTime sessionClose,
        int noEntryMinutesBeforeClose,
        int maxEntryDelayMinutes,
        long visibilityDelayMs,
        double pointValueUsd,
        double tickPoints,
        double slippageTicks,
        double costPerContractUsd)
        implements java.io.Serializable {

    /** Tiers from lowest to highest. */
    public static final List<String> TIERS = List.of("MODERATE", "HIGH", "VERY_HIGH", "EXTREME");

    public StrategyParams {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a strategy needs a name");
        }
        if (!TIERS.contains(minTier)) {
            throw new IllegalArgumentException(
                    "strategy " + name + ": min_tier must be one of " + TIERS + ", got " + minTier);
        }
        requirePositive(name, "base_contracts", baseContracts);
        requirePositive(name, "max_position", maxPosition);
        requirePositive(name, "max_daily_trades", maxDailyTrades);
        requirePositive(name, "stop_loss_points", stopLossPoints);
        requirePositive(name, "take_profit_points", takeProfitPoints);
        requirePositive(name, "max_holding_minutes", maxHoldingMinutes);
        requirePositive(name, "visibility_delay_ms", visibilityDelayMs);
        requirePositive(name, "point_value_usd", pointValueUsd);
        requirePositive(name, "tick_points", tickPoints);
        if (noEntryMinutesBeforeClose < 0 || maxEntryDelayMinutes < 0) {
            throw new IllegalArgumentException(
                    "strategy "
                            + name
                            + ": no_entry_minutes_before_close and max_entry_delay_minutes must be"
                            + " at least 0");
        }
        if (slippageTicks < 0 || costPerContractUsd < 0) {
            throw new IllegalArgumentException(
                    "strategy "
                            + name
                            + ": slippage_ticks and cost_per_contract_usd must be at least 0");
        }
    }

    /**
     * NQ defaults: HIGH and above, 1 contract per unit of size multiplier, at most 5 held and 10
     * entries a day, 20-point stop, 40-point target, 60 minutes' holding, no entries in the last 15
     * minutes before the 16:00 close, one tick of slippage and 2.50 USD per contract per fill.
     */
    public static StrategyParams nqDefaults(String name, long visibilityDelayMs) {
        return new StrategyParams(
                name,
                "HIGH",
                1,
                false,
                5,
                10,
                20,
                40,
                60,
                LocalTime.of(16, 0),
                15,
                5,
                visibilityDelayMs,
                20,
                0.25,
                1,
                2.5);
    }

    /** Whether a signal of {@code tier} is one this strategy trades. */
    public boolean trades(String tier) {
        return TIERS.indexOf(tier) >= TIERS.indexOf(minTier);
    }

    /**
     * Contracts for a signal: base × size multiplier (× confidence), at least 1, at most the cap.
     */
    public int contracts(double sizeMultiplier, double confidence) {
        double size = baseContracts * sizeMultiplier * (scaleByConfidence ? confidence : 1);
        return (int) Math.max(1, Math.min(maxPosition, Math.floor(size)));
    }

    private static void requirePositive(String strategy, String key, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(
                    "strategy " + strategy + ": " + key + " must be positive, got " + value);
        }
    }
}
