package io.instflow.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's "Shadow vs production" section: how the two profiles' signals joined, their outcomes
 * per horizon side by side, the equity chart, and the promotion rule's verdict with why.
 */
final class ShadowSection {

    private final ReportData data;
    private final PromotionRule rule;
    private final List<Integer> horizons;

    ShadowSection(ReportData data, PromotionRule rule, List<Integer> horizons) {
        this.data = data;
        this.rule = rule;
        this.horizons = horizons;
    }

    PromotionRule.Verdict write(Doc.Section s, OutcomeTable outcomes, Path out, List<Path> charts)
            throws IOException {
        Map<String, Integer> kinds = new TreeMap<>();
        data.comparisons().forEach(c -> kinds.merge(c.path("kind").asText(), 1, Integer::sum));
        String production = data.label("production_profile", "production");
        String shadow = data.label("shadow_profile", "shadow");
        int agree = kinds.getOrDefault("AGREEMENT", 0);
        int joined =
                agree
                        + kinds.getOrDefault("PRODUCTION_ONLY", 0)
                        + kinds.getOrDefault("SHADOW_ONLY", 0);
        s.blocks()
                .add(
                        new Doc.Paragraph(
                                String.format(
                                        Locale.ROOT,
                                        "Production runs %s, the shadow %s, on the same input; over the whole "
                                                + "period: %d agreements (same contract, window and direction), %d production-only, %d shadow-only, %d "
                                                + "conflicts (opposite directions within the coordination distance); agreement rate %s.",
                                        production,
                                        shadow,
                                        agree,
                                        kinds.getOrDefault("PRODUCTION_ONLY", 0),
                                        kinds.getOrDefault("SHADOW_ONLY", 0),
                                        kinds.getOrDefault("CONFLICT", 0),
                                        joined == 0
                                                ? "n/a"
                                                : String.format(
                                                        Locale.ROOT,
                                                        "%.2f",
                                                        (double) agree / joined))));
        List<List<String>> rows = new ArrayList<>();
        for (String side : List.of(production, shadow)) {
            for (int h : horizons) {
                OutcomeTable.Cell c = outcomes.get(side, h, OutcomeTable.ALL);
                if (c != null) {
                    rows.add(
                            List.of(
                                    side,
                                    "+" + h + " min",
                                    Long.toString(c.stats().signals),
                                    String.format(Locale.ROOT, "%.2f", c.stats().hitRate()),
                                    String.format(Locale.ROOT, "%+.2f", c.meanMove()),
                                    String.format(Locale.ROOT, "%+.2f", c.medianMove()),
                                    String.format(Locale.ROOT, "%+.0f", c.stats().cumulativePnl),
                                    c.stats().sharpe() == null
                                            ? "n/a"
                                            : String.format(
                                                    Locale.ROOT, "%.2f", c.stats().sharpe()),
                                    String.format(Locale.ROOT, "%.0f", c.stats().maxDrawdown)));
                }
            }
        }
        s.blocks()
                .add(
                        new Doc.Table(
                                List.of(
                                        "side",
                                        "horizon",
                                        "judged signals",
                                        "hit rate",
                                        "mean move (pts)",
                                        "median move (pts)",
                                        "paper P&L (USD)",
                                        "Sharpe per signal",
                                        "max drawdown (USD)"),
                                rows));
        List<String> unjudged = new ArrayList<>();
        for (String side : List.of(production, shadow)) {
            List<Integer> missing = outcomes.unjudgedHorizons(side, horizons);
            if (!missing.isEmpty()) {
                unjudged.add(side + " at " + plusMinutes(missing));
            }
        }
        if (!unjudged.isEmpty()) {
            s.blocks()
                    .add(
                            new Doc.Paragraph(
                                    "Not judged: "
                                            + String.join("; ", unjudged)
                                            + ". The data ends sooner than that after each of"
                                            + " these signals' windows, so there is no price to"
                                            + " judge them by; a longer session would."));
        }
        List<List<String>> tiers = new ArrayList<>();
        for (String side : List.of(production, shadow)) {
            for (String tier : List.of("MODERATE", "HIGH", "VERY_HIGH", "EXTREME")) {
                OutcomeTable.Cell c = outcomes.get(side, rule.horizonMinutes(), tier);
                if (c != null) {
                    tiers.add(
                            List.of(
                                    side,
                                    tier,
                                    Long.toString(c.stats().signals),
                                    String.format(Locale.ROOT, "%.2f", c.stats().hitRate()),
                                    String.format(Locale.ROOT, "%+.0f", c.stats().cumulativePnl)));
                }
            }
        }
        if (!tiers.isEmpty()) {
            s.blocks().add(new Doc.Paragraph("By tier at +" + rule.horizonMinutes() + " minutes:"));
            s.blocks()
                    .add(
                            new Doc.Table(
                                    List.of(
                                            "side",
                                            "tier",
                                            "judged signals",
                                            "hit rate",
                                            "paper P&L (USD)"),
                                    tiers));
        }
        if (!outcomes.isEmpty()) {
            Map<String, List<OutcomeTable.PnlPoint>> pnl = new LinkedHashMap<>();
            Map<String, Map<Integer, Double>> hit = new LinkedHashMap<>();
            for (String side : List.of(production, shadow)) {
                pnl.put(side, outcomes.cumulativePnl(side, rule.horizonMinutes()));
                Map<Integer, Double> rates = new TreeMap<>();
                for (int h : horizons) {
                    OutcomeTable.Cell c = outcomes.get(side, h, OutcomeTable.ALL);
                    rates.put(h, c == null ? 0 : c.stats().hitRate());
                }
                hit.put(side, rates);
            }
            Charts.cumulativePnl(out.resolve("charts/pnl.png"), pnl, rule.horizonMinutes());
            Charts.hitRates(out.resolve("charts/hit-rates.png"), hit);
            charts.add(out.resolve("charts/pnl.png"));
            charts.add(out.resolve("charts/hit-rates.png"));
            s.blocks()
                    .add(
                            new Doc.Image(
                                    "charts/pnl.png",
                                    "cumulative paper P&L",
                                    Charts.PNL_WIDTH,
                                    Charts.PNL_HEIGHT));
            s.blocks()
                    .add(
                            new Doc.Image(
                                    "charts/hit-rates.png",
                                    "hit rate by horizon",
                                    Charts.HIT_RATE_WIDTH,
                                    Charts.HIT_RATE_HEIGHT));
        }
        PromotionRule.Verdict verdict = rule.decide(outcomes, production, shadow);
        s.blocks()
                .add(
                        new Doc.Paragraph(
                                "Promotion: " + verdict.decision() + ". " + verdict.explanation()));
        return verdict;
    }

    private static String plusMinutes(List<Integer> horizons) {
        return String.join(", ", horizons.stream().map(h -> "+" + h + " min").toList());
    }
}
