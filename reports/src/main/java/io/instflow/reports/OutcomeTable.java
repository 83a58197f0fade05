package io.instflow.reports;

import io.instflow.shadow.logic.Outcome;
import io.instflow.shadow.logic.RunningStats;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The comparison job's OUTCOME rows aggregated per side (production or shadow label), horizon and
 * tier: hit rate, moves, paper P&L, Sharpe and drawdown, plus the cumulative P&L through time.
 */
public final class OutcomeTable {

    /** Figures of one side at one horizon (and one tier, or all). */
    public record Cell(RunningStats stats, List<Double> moves) {
        public double meanMove() {
            return moves.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }

        public double medianMove() {
            if (moves.isEmpty()) {
                return 0;
            }
            List<Double> sorted = new ArrayList<>(moves);
            sorted.sort(null);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    /** One point of a side's cumulative P&L at one horizon. */
    public record PnlPoint(long windowEndNs, double cumulativeUsd) {}

    public static final String ALL = "ALL";

    private final Map<String, Cell> cells = new TreeMap<>();
    private final Map<String, List<PnlPoint>> pnl = new TreeMap<>();

    public static OutcomeTable of(List<JsonNode> comparisons) {
        OutcomeTable t = new OutcomeTable();
        List<JsonNode> outcomes =
                new ArrayList<>(
                        comparisons.stream()
                                .filter(c -> "OUTCOME".equals(c.path("kind").asText()))
                                .toList());
        outcomes.sort(
                (a, b) ->
                        Long.compare(
                                a.path("window_end_ns").asLong(),
                                b.path("window_end_ns").asLong()));
        for (JsonNode c : outcomes) {
            String side = c.path("evaluated_profile").asText();
            int horizon = c.path("horizon_minutes").asInt();
            Outcome o =
                    new Outcome(
                            horizon,
                            c.path("entry_price").asLong(),
                            c.path("exit_price").asLong(),
                            c.path("signed_move_points").asDouble(),
                            c.path("outcome").asText(),
                            c.path("pnl_usd").asDouble());
            Cell all = t.cell(side, horizon, ALL);
            all.stats().add(o);
            all.moves().add(o.signedMovePoints());
            Cell tier = t.cell(side, horizon, c.path("tier").asText());
            tier.stats().add(o);
            tier.moves().add(o.signedMovePoints());
            t.pnl.computeIfAbsent(side + "|" + horizon, k -> new ArrayList<>())
                    .add(new PnlPoint(c.path("window_end_ns").asLong(), all.stats().cumulativePnl));
        }
        return t;
    }

    private Cell cell(String side, int horizon, String tier) {
        return cells.computeIfAbsent(
                side + "|" + horizon + "|" + tier,
                k -> new Cell(new RunningStats(), new ArrayList<>()));
    }

    /** The cell, or null when that side had no judged signal there. */
    public Cell get(String side, int horizon, String tier) {
        return cells.get(side + "|" + horizon + "|" + tier);
    }

    /**
     * The horizons at which none of {@code side}'s signals was judged although some were at another
     * horizon: the data ended sooner after each signal. Empty for a side never judged.
     */
    public List<Integer> unjudgedHorizons(String side, List<Integer> horizons) {
        List<Integer> missing = horizons.stream().filter(h -> get(side, h, ALL) == null).toList();
        return missing.size() == horizons.size() ? List.of() : missing;
    }

    public List<PnlPoint> cumulativePnl(String side, int horizon) {
        return pnl.getOrDefault(side + "|" + horizon, List.of());
    }

    public boolean isEmpty() {
        return cells.isEmpty();
    }
}
