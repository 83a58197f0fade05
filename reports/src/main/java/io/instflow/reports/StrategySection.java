package io.instflow.reports;

import io.instflow.strategies.logic.ClosedTrade;
import io.instflow.strategies.logic.StrategyStats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper strategies over the whole input, as a desk reads them: per strategy net P&L with the
 * standard error of a trade's mean, drawdown, Sharpe and Sortino, hit rate, average win and loss,
 * exposure; the same per tier; the equity curves; and, with a shadow, each strategy on production's
 * signals against the same strategy on the shadow's.
 */
final class StrategySection {

    private final List<JsonNode> production;
    private final List<JsonNode> shadow;
    private final long observedMs;

    StrategySection(ReportData data) {
        this.production = data.strategyTrades();
        this.shadow = data.shadowStrategyTrades();
        this.observedMs = observedMs(data);
    }

    boolean isEmpty() {
        return production.isEmpty() && shadow.isEmpty();
    }

    void write(
            Doc.Section s, Path out, List<Path> charts, String productionLabel, String shadowLabel)
            throws IOException {
        Map<String, List<ClosedTrade>> byStrategy = byStrategy(production);
        Map<String, List<ClosedTrade>> shadowByStrategy = byStrategy(shadow);
        s.blocks()
                .add(
                        new Doc.Paragraph(
                                "Paper trading of the committed signals over the whole input: entry at the first 1-minute"
                                        + " bar after the signal became visible, exits by stop, target, holding time or an"
                                        + " opposite signal, one tick of slippage and the configured costs on every fill."
                                        + " Mean per trade ± its standard error; Sharpe and Sortino from daily P&L,"
                                        + " annualised over 252 days (n/a with fewer than two days)."));
        List<List<String>> rows = new ArrayList<>();
        byStrategy.forEach((name, trades) -> rows.add(row(name, trades)));
        s.blocks().add(new Doc.Table(HEADERS, rows));
        List<List<String>> tiers = new ArrayList<>();
        byStrategy.forEach(
                (name, trades) ->
                        StrategyStats.byTier(trades, observedMs)
                                .forEach(
                                        (tier, st) ->
                                                tiers.add(
                                                        List.of(
                                                                name,
                                                                tier,
                                                                Integer.toString(st.trades()),
                                                                usd(st.netUsd()),
                                                                meanWithError(st),
                                                                percent(st.hitRate())))));
        s.blocks()
                .add(
                        new Doc.Table(
                                List.of(
                                        "strategy",
                                        "tier",
                                        "trades",
                                        "net USD",
                                        "mean per trade",
                                        "hit rate"),
                                tiers));
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        byStrategy.forEach(
                (name, trades) ->
                        curves.put(
                                name + " (" + productionLabel + ")",
                                StrategyStats.equityCurve(trades)));
        shadowByStrategy.forEach(
                (name, trades) ->
                        curves.put(
                                name + " (" + shadowLabel + ")",
                                StrategyStats.equityCurve(trades)));
        Path chart = out.resolve("charts/strategy-equity.png");
        Charts.equityCurves(chart, curves);
        charts.add(chart);
        s.blocks()
                .add(
                        new Doc.Image(
                                "charts/strategy-equity.png",
                                "equity curve of each strategy, USD after costs",
                                Charts.PNL_WIDTH,
                                Charts.PNL_HEIGHT));
        if (!shadowByStrategy.isEmpty()) {
            List<List<String>> compared = new ArrayList<>();
            for (String name : union(byStrategy, shadowByStrategy)) {
                StrategyStats p = stats(byStrategy.get(name));
                StrategyStats sh = stats(shadowByStrategy.get(name));
                compared.add(
                        List.of(
                                name,
                                p.trades() + " / " + sh.trades(),
                                usd(p.netUsd()) + " / " + usd(sh.netUsd()),
                                meanWithError(p) + " / " + meanWithError(sh),
                                usd(p.maxDrawdownUsd()) + " / " + usd(sh.maxDrawdownUsd()),
                                percent(p.hitRate()) + " / " + percent(sh.hitRate())));
            }
            s.blocks()
                    .add(
                            new Doc.Paragraph(
                                    "The same strategies on each side's signals ("
                                            + productionLabel
                                            + " / "
                                            + shadowLabel
                                            + ")."));
            s.blocks()
                    .add(
                            new Doc.Table(
                                    List.of(
                                            "strategy",
                                            "trades",
                                            "net USD",
                                            "mean per trade",
                                            "max drawdown",
                                            "hit rate"),
                                    compared));
        }
    }

    /**
     * The figures for {@code export.json}: per side label, per strategy, the whole input's figures
     * and the same per tier.
     */
    ObjectNode figures(String productionLabel, String shadowLabel) {
        ObjectNode out = MAPPER.createObjectNode();
        ObjectNode p = figures(byStrategy(production));
        if (!p.isEmpty()) {
            out.set(productionLabel, p);
        }
        ObjectNode sh = figures(byStrategy(shadow));
        if (!sh.isEmpty()) {
            out.set(shadowLabel, sh);
        }
        return out;
    }

    private ObjectNode figures(Map<String, List<ClosedTrade>> byStrategy) {
        ObjectNode out = MAPPER.createObjectNode();
        byStrategy.forEach(
                (name, trades) -> {
                    ObjectNode node = figures(StrategyStats.of(trades, observedMs));
                    ObjectNode tiers = node.putObject("by_tier");
                    StrategyStats.byTier(trades, observedMs)
                            .forEach((tier, st) -> tiers.set(tier, figures(st)));
                    out.set(name, node);
                });
        return out;
    }

    private static ObjectNode figures(StrategyStats st) {
        ObjectNode node =
                MAPPER.createObjectNode()
                        .put("round_trips", st.trades())
                        .put("net_usd", st.netUsd())
                        .put("mean_trade_usd", st.meanTradeUsd());
        if (Double.isNaN(st.meanTradeStandardError())) {
            node.putNull("mean_trade_standard_error_usd");
        } else {
            node.put("mean_trade_standard_error_usd", st.meanTradeStandardError());
        }
        node.put("max_drawdown_usd", st.maxDrawdownUsd())
                .put("daily_sharpe", st.dailySharpe())
                .put("daily_sortino", st.dailySortino())
                .put("hit_rate", st.hitRate())
                .put("average_win_usd", st.averageWinUsd())
                .put("average_loss_usd", st.averageLossUsd())
                .put("exposure", st.exposure());
        return node;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static final List<String> HEADERS =
            List.of(
                    "strategy",
                    "trades",
                    "net USD",
                    "mean per trade",
                    "max drawdown",
                    "Sharpe",
                    "Sortino",
                    "hit rate",
                    "avg win",
                    "avg loss",
                    "exposure");

    private List<String> row(String name, List<ClosedTrade> trades) {
        StrategyStats st = StrategyStats.of(trades, observedMs);
        return List.of(
                name,
                Integer.toString(st.trades()),
                usd(st.netUsd()),
                meanWithError(st),
                usd(st.maxDrawdownUsd()),
                ratio(st.dailySharpe()),
                ratio(st.dailySortino()),
                percent(st.hitRate()),
                usd(st.averageWinUsd()),
                usd(st.averageLossUsd()),
                percent(st.exposure()));
    }

    private StrategyStats stats(List<ClosedTrade> trades) {
        return StrategyStats.of(trades == null ? List.of() : trades, observedMs);
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        List<String> names = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !names.contains(k)).forEach(names::add);
        return names;
    }

    /** Round trips by strategy, in the order they closed, strategies in order of appearance. */
    static Map<String, List<ClosedTrade>> byStrategy(List<JsonNode> rows) {
        List<ClosedTrade> trades = new ArrayList<>();
        rows.forEach(r -> trades.add(trade(r)));
        trades.sort(
                java.util.Comparator.comparingLong(ClosedTrade::exitMs)
                        .thenComparing(ClosedTrade::signalId));
        Map<String, List<ClosedTrade>> out = new LinkedHashMap<>();
        trades.forEach(t -> out.computeIfAbsent(t.strategy(), k -> new ArrayList<>()).add(t));
        return out;
    }

    /** A {@code strategy.pnl} row (flat JSON) as the statistics read it. */
    static ClosedTrade trade(JsonNode r) {
        return new ClosedTrade(
                r.path("strategy").asText(),
                r.path("signal_id").asText(),
                r.path("tier").asText(),
                r.path("direction").asText().equals("LONG") ? 1 : -1,
                r.path("contracts").asInt(),
                r.path("entry_ts").asLong() / 1_000_000L,
                r.path("entry_price").asLong() / 1e9,
                r.path("exit_ts").asLong() / 1_000_000L,
                r.path("exit_price").asLong() / 1e9,
                r.path("exit_reason").asText(),
                r.path("gross_usd").asDouble(),
                r.path("costs_usd").asDouble());
    }

    /** The span of the 5-minute bars, for the exposure; 0 without bars. */
    private static long observedMs(ReportData data) {
        if (data.bars5m().isEmpty()) {
            return 0;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (JsonNode b : data.bars5m()) {
            first = Math.min(first, ReportData.startNs(b));
            last = Math.max(last, ReportData.startNs(b));
        }
        return (last - first) / 1_000_000L + 300_000L;
    }

    private static String meanWithError(StrategyStats st) {
        return Double.isNaN(st.meanTradeStandardError())
                ? usd(st.meanTradeUsd())
                : usd(st.meanTradeUsd()) + " ± " + usd(st.meanTradeStandardError());
    }

    private static String usd(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.0f %%", v * 100);
    }

    private static String ratio(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
