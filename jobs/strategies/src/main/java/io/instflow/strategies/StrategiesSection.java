package io.instflow.strategies;

import io.instflow.ifd.ConfigValues;
import io.instflow.ifd.PipelineConfig;
import io.instflow.strategies.logic.StrategyParams;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The {@code strategies} section of {@code pipeline_config.json}: named paper strategies, each with
 * its sizing, costs and {@code risk_management}. Every key is optional and defaults to {@link
 * StrategyParams#nqDefaults}; unknown keys, wrong types and values out of range are errors naming
 * the file and the key's path.
 *
 * <p>The visibility delay defaults to when a committed signal can first be seen: the watermark's
 * out-of-orderness (the window is evaluated once the watermark passes its end) plus the p99 of the
 * exactly-once commit latency, measured at 9.7 s with checkpoints every 10 s (README, performance)
 * and taken as that share (0.97) of the configured checkpoint interval.
 */
public final class StrategiesSection {

    /** The measured p99 commit latency as a share of the checkpoint interval. */
    static final double COMMIT_P99_SHARE_OF_CHECKPOINT_INTERVAL = 0.97;

    private static final Set<String> STRATEGY =
            Set.of(
                    "min_tier",
                    "base_contracts",
                    "scale_by_confidence",
                    "max_entry_delay_minutes",
                    "visibility_delay_ms",
                    "slippage_ticks",
                    "cost_per_contract_usd",
                    "risk_management");
    private static final Set<String> RISK =
            Set.of(
                    "max_position",
                    "max_daily_trades",
                    "stop_loss_points",
                    "take_profit_points",
                    "max_holding_minutes",
                    "no_entry_minutes_before_close");

    private StrategiesSection() {}

    /**
     * Every key a strategy may hold, as dotted paths ({@code strategies.NAME.} left out), sorted.
     */
    public static SortedSet<String> keys() {
        SortedSet<String> keys = new TreeSet<>();
        STRATEGY.stream().filter(k -> !k.equals("risk_management")).forEach(keys::add);
        RISK.forEach(k -> keys.add("risk_management." + k));
        return keys;
    }

    /** The strategies of {@code config}, in the order the file declares them. */
    public static List<StrategyParams> of(PipelineConfig config) {
        JsonNode section = config.strategies();
        ConfigValues v = new ConfigValues(config.source());
        long defaultDelay = defaultVisibilityDelayMs(config);
        List<StrategyParams> strategies = new ArrayList<>();
        for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String at = "strategies." + name + ".";
            if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                throw v.error(
                        "strategies." + name,
                        "is not a strategy name: use lower-case letters, digits and dashes");
            }
            JsonNode s = section.get(name);
            if (!s.isObject()) {
                throw v.error("strategies." + name, "must be an object");
            }
            PipelineConfig.checkKeys(s, STRATEGY, config.source(), at);
            JsonNode risk = s.path("risk_management");
            PipelineConfig.checkKeys(risk, RISK, config.source(), at + "risk_management.");
            String r = at + "risk_management.";
            StrategyParams d = StrategyParams.nqDefaults(name, defaultDelay);
            try {
                strategies.add(
                        new StrategyParams(
                                name,
                                v.oneOf(s, at + "min_tier", StrategyParams.TIERS, d.minTier()),
                                v.number(s, at + "base_contracts", 0.01, 100, d.baseContracts()),
                                v.bool(s, at + "scale_by_confidence", d.scaleByConfidence()),
                                (int) v.integer(risk, r + "max_position", 1, 1000, d.maxPosition()),
                                (int)
                                        v.integer(
                                                risk,
                                                r + "max_daily_trades",
                                                1,
                                                10_000,
                                                d.maxDailyTrades()),
                                v.number(
                                        risk,
                                        r + "stop_loss_points",
                                        0.25,
                                        10_000,
                                        d.stopLossPoints()),
                                v.number(
                                        risk,
                                        r + "take_profit_points",
                                        0.25,
                                        10_000,
                                        d.takeProfitPoints()),
                                (int)
                                        v.integer(
                                                risk,
                                                r + "max_holding_minutes",
                                                1,
                                                10_080,
                                                d.maxHoldingMinutes()),
                                d.sessionClose(),
                                (int)
                                        v.integer(
                                                risk,
                                                r + "no_entry_minutes_before_close",
                                                0,
                                                1380,
                                                d.noEntryMinutesBeforeClose()),
                                (int)
                                        v.integer(
                                                s,
                                                at + "max_entry_delay_minutes",
                                                0,
                                                1440,
                                                d.maxEntryDelayMinutes()),
                                v.integer(
                                        s,
                                        at + "visibility_delay_ms",
                                        1,
                                        3_600_000,
                                        d.visibilityDelayMs()),
                                d.pointValueUsd(),
                                d.tickPoints(),
                                v.number(s, at + "slippage_ticks", 0, 100, d.slippageTicks()),
                                v.number(
                                        s,
                                        at + "cost_per_contract_usd",
                                        0,
                                        1000,
                                        d.costPerContractUsd())));
            } catch (IllegalArgumentException e) {
                if (e.getMessage().startsWith(config.source())) {
                    throw e;
                }
                throw v.error("strategies." + name, e.getMessage());
            }
        }
        return List.copyOf(strategies);
    }

    /** Out-of-orderness plus the measured p99 commit latency at the configured interval. */
    public static long defaultVisibilityDelayMs(PipelineConfig config) {
        return config.outOfOrdernessMs()
                + Math.round(
                        config.checkpointIntervalMs() * COMMIT_P99_SHARE_OF_CHECKPOINT_INTERVAL);
    }
}
