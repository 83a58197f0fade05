package io.instflow.reports;

import io.instflow.ifd.logic.TradingDate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's {@code export.json} for external systems: metadata, every signal of the day with its
 * side, the market's bars and strike ladder, and the execution summary per profile and horizon.
 */
final class ReportExport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ReportData data;
    private final List<Integer> horizons;

    ReportExport(ReportData data, List<Integer> horizons) {
        this.data = data;
        this.horizons = horizons;
    }

    ObjectNode of(
            LocalDate day,
            String symbol,
            List<JsonNode> bars,
            List<JsonNode> signals,
            List<JsonNode> pressure,
            OutcomeTable outcomes,
            PromotionRule.Verdict verdict) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode meta = root.putObject("metadata");
        meta.put("schema_version", 1)
                .put("generated_at", Instant.now().toString())
                .put("trading_day", String.valueOf(day))
                .put("source", data.source())
                .put("production", data.label("production_profile", "production"));
        if (data.hasShadow()) {
            meta.put("shadow", data.label("shadow_profile", "shadow"));
        }
        ArrayNode out = root.putArray("signals");
        signals.forEach(x -> out.add(((ObjectNode) x.deepCopy()).put("side", "production")));
        data.shadow().stream()
                .filter(
                        x ->
                                day != null
                                        && TradingDate.of(ReportData.startNs(x))
                                                == day.toEpochDay())
                .forEach(x -> out.add(((ObjectNode) x.deepCopy()).put("side", "shadow")));
        ObjectNode market = root.putObject("market_analysis");
        market.put("symbol", symbol).put("bars_5m", bars.size());
        if (!bars.isEmpty()) {
            market.put("open", bars.get(0).path("open").asLong())
                    .put("close", bars.get(bars.size() - 1).path("close").asLong())
                    .put(
                            "high",
                            bars.stream().mapToLong(b -> b.path("high").asLong()).max().orElse(0))
                    .put(
                            "low",
                            bars.stream().mapToLong(b -> b.path("low").asLong()).min().orElse(0))
                    .put("volume", bars.stream().mapToLong(b -> b.path("volume").asLong()).sum())
                    .put(
                            "delta",
                            bars.stream()
                                    .mapToLong(
                                            b ->
                                                    b.path("buy_volume").asLong()
                                                            - b.path("sell_volume").asLong())
                                    .sum());
        }
        Map<String, long[]> strikes = new TreeMap<>();
        pressure.forEach(
                p -> {
                    long[] v =
                            strikes.computeIfAbsent(
                                    p.path("strike").asDouble()
                                            + "|"
                                            + p.path("option_type").asText(),
                                    k -> new long[2]);
                    v[0] += p.path("buy_volume").asLong();
                    v[1] += p.path("sell_volume").asLong();
                });
        ArrayNode ladder = market.putArray("strikes");
        strikes.forEach(
                (k, v) ->
                        ladder.addObject()
                                .put("strike", Double.parseDouble(k.split("\\|")[0]))
                                .put("option_type", k.split("\\|")[1])
                                .put("buy_volume", v[0])
                                .put("sell_volume", v[1]));
        ObjectNode execution = root.putObject("execution_summary");
        for (String side :
                List.of(
                        data.label("production_profile", "production"),
                        data.label("shadow_profile", "shadow"))) {
            ObjectNode node = MAPPER.createObjectNode();
            for (int h : horizons) {
                OutcomeTable.Cell c = outcomes.get(side, h, OutcomeTable.ALL);
                if (c != null) {
                    node.putObject(Integer.toString(h))
                            .put("signals", c.stats().signals)
                            .put("hit_rate", c.stats().hitRate())
                            .put("mean_move_points", c.meanMove())
                            .put("median_move_points", c.medianMove())
                            .put("pnl_usd", c.stats().cumulativePnl)
                            .put("sharpe", c.stats().sharpe())
                            .put("max_drawdown_usd", c.stats().maxDrawdown);
                }
            }
            if (!node.isEmpty()) {
                execution.set(side, node);
            }
        }
        ObjectNode unjudged = MAPPER.createObjectNode();
        for (String side :
                List.of(
                        data.label("production_profile", "production"),
                        data.label("shadow_profile", "shadow"))) {
            List<Integer> missing = outcomes.unjudgedHorizons(side, horizons);
            if (execution.has(side) && !missing.isEmpty()) {
                missing.forEach(unjudged.putArray(side)::add);
            }
        }
        if (!unjudged.isEmpty()) {
            execution.set("unjudged_horizons", unjudged);
        }
        if (verdict != null) {
            execution
                    .putObject("promotion")
                    .put("decision", verdict.decision())
                    .put("explanation", verdict.explanation());
        }
        StrategySection strategies = new StrategySection(data);
        if (!strategies.isEmpty()) {
            root.set(
                    "strategies",
                    strategies.figures(
                            data.label("production_profile", "production"),
                            data.label("shadow_profile", "shadow")));
        }
        return root;
    }
}
