package io.instflow.cli;

import io.instflow.avro.StrategyOrder;
import io.instflow.avro.StrategyTrade;
import io.instflow.contract.Topics;
import io.instflow.ifd.PipelineConfig;
import io.instflow.ifd.io.FlatJson;
import io.instflow.strategies.StrategiesSection;
import io.instflow.strategies.functions.StrategyRecords;
import io.instflow.strategies.logic.ClosedTrade;
import io.instflow.strategies.logic.StrategyParams;
import io.instflow.strategies.logic.StrategyStats;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The strategies job's orders and round trips read back after a run, as files and a summary. */
record StrategyOutputs(List<StrategyOrder> orders, List<StrategyTrade> trades) {

    private static final StrategyOutputs EMPTY = new StrategyOutputs(List.of(), List.of());

    /**
     * Runs the configuration's strategies over each IFD deployment of {@code labelByInputPrefix}
     * (one bounded job) and reads back their outputs by prefix; empty outputs when the
     * configuration declares no strategies.
     */
    static Map<String, StrategyOutputs> run(
            String bootstrap,
            PipelineConfig pipeline,
            Map<String, String> labelByInputPrefix,
            int parallelism,
            PrintWriter console)
            throws Exception {
        List<String> names =
                StrategiesSection.of(pipeline).stream().map(StrategyParams::name).toList();
        Map<String, StrategyOutputs> out = new LinkedHashMap<>();
        if (names.isEmpty()) {
            LocalRun.step(console, "no paper strategies: the configuration declares none");
            labelByInputPrefix.keySet().forEach(p -> out.put(p, EMPTY));
            return out;
        }
        LocalRun.step(console, "paper strategies " + names + " on the committed signals");
        LocalRun.runStrategies(bootstrap, pipeline, labelByInputPrefix, parallelism);
        labelByInputPrefix.keySet().forEach(p -> out.put(p, read(bootstrap, p)));
        return out;
    }

    /** The outputs of the strategies job writing under {@code prefix}. */
    static StrategyOutputs read(String bootstrap, String prefix) {
        Topics topics = new Topics(prefix);
        List<StrategyOrder> orders =
                new ArrayList<>(
                        LocalRun.read(bootstrap, topics.strategyOrders(), StrategyOrder.class));
        orders.sort(
                Comparator.comparing(StrategyOrder::getStrategy)
                        .thenComparingLong(StrategyOrder::getTs)
                        .thenComparing(StrategyOrder::getOrderId));
        List<StrategyTrade> trades =
                new ArrayList<>(
                        LocalRun.read(bootstrap, topics.strategyPnl(), StrategyTrade.class));
        trades.sort(
                Comparator.comparing(StrategyTrade::getStrategy)
                        .thenComparingLong(StrategyTrade::getExitTs)
                        .thenComparing(StrategyTrade::getTradeId));
        return new StrategyOutputs(orders, trades);
    }

    /**
     * {@code PREFIXstrategy-orders.jsonl} and {@code PREFIXstrategy-trades.jsonl} in {@code dir}.
     */
    void write(Path dir, String filePrefix) throws IOException {
        PipelineOutputs.lines(
                dir.resolve(filePrefix + "strategy-orders.jsonl"), orders, FlatJson::line);
        PipelineOutputs.lines(
                dir.resolve(filePrefix + "strategy-trades.jsonl"), trades, FlatJson::line);
    }

    /**
     * Per strategy that received a signal: entries, signals skipped, round trips, net, mean per
     * trade with its standard error, drawdown and hit rate.
     */
    Map<String, Object> summary() {
        Map<String, List<ClosedTrade>> byStrategy = new LinkedHashMap<>();
        Map<String, Long> entries = new LinkedHashMap<>();
        Map<String, Long> skipped = new LinkedHashMap<>();
        for (StrategyOrder o : orders) {
            byStrategy.computeIfAbsent(o.getStrategy(), k -> new ArrayList<>());
            if (o.getReason().equals("ENTRY")) {
                entries.merge(o.getStrategy(), 1L, Long::sum);
            } else if (!o.getFilled()) {
                skipped.merge(o.getStrategy(), 1L, Long::sum);
            }
        }
        for (StrategyTrade t : trades) {
            byStrategy
                    .computeIfAbsent(t.getStrategy(), k -> new ArrayList<>())
                    .add(StrategyRecords.closedTrade(t));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        byStrategy.forEach(
                (name, list) -> {
                    StrategyStats st = StrategyStats.of(list, 0);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("entries", entries.getOrDefault(name, 0L));
                    row.put("signals_skipped", skipped.getOrDefault(name, 0L));
                    row.put("round_trips", st.trades());
                    row.put("open_at_end", entries.getOrDefault(name, 0L) - st.trades());
                    row.put("net_usd", round(st.netUsd()));
                    row.put("mean_trade_usd", round(st.meanTradeUsd()));
                    row.put(
                            "mean_trade_standard_error_usd",
                            Double.isNaN(st.meanTradeStandardError())
                                    ? null
                                    : round(st.meanTradeStandardError()));
                    row.put("max_drawdown_usd", round(st.maxDrawdownUsd()));
                    row.put("hit_rate", Math.round(st.hitRate() * 1000) / 1000.0);
                    out.put(name, row);
                });
        return out;
    }

    /** One console line per strategy. */
    @SuppressWarnings("unchecked")
    static void print(PrintWriter console, Map<String, Object> summary) {
        if (summary.isEmpty()) {
            console.println("paper strategies     no round trips");
            return;
        }
        summary.forEach(
                (name, value) -> {
                    Map<String, Object> row = (Map<String, Object>) value;
                    if ((Integer) row.get("round_trips") == 0) {
                        console.printf(
                                Locale.ROOT,
                                "paper strategy       %s: no round trips (%s signals skipped by its"
                                        + " limits)%n",
                                name,
                                row.get("signals_skipped"));
                        return;
                    }
                    Double error = (Double) row.get("mean_trade_standard_error_usd");
                    console.printf(
                            Locale.ROOT,
                            "paper strategy       %s: %s%s, net %,.0f USD, mean %,.0f%s USD a trade,"
                                    + " hit rate %.2f, max drawdown %,.0f USD%n",
                            name,
                            (Integer) row.get("round_trips") == 1
                                    ? "1 round trip"
                                    : row.get("round_trips") + " round trips",
                            (Long) row.get("open_at_end") > 0
                                    ? " (" + row.get("open_at_end") + " still open)"
                                    : "",
                            (Double) row.get("net_usd"),
                            (Double) row.get("mean_trade_usd"),
                            error == null ? "" : String.format(Locale.ROOT, " ± %,.0f", error),
                            (Double) row.get("hit_rate"),
                            (Double) row.get("max_drawdown_usd"));
                });
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
