package io.instflow.reports;

import java.util.Locale;

/**
 * When a shadow counts as better than production over a period: at one horizon, both sides have at
 * least {@code minSignals} judged signals, the shadow's hit rate is higher by at least {@code
 * minHitRateGain}, and its paper P&L is higher. A rule of thumb stated in the open, not a
 * significance test.
 */
public record PromotionRule(int horizonMinutes, int minSignals, double minHitRateGain) {

    public PromotionRule {
        if (minSignals < 1 || minHitRateGain < 0 || horizonMinutes < 1) {
            throw new IllegalArgumentException(
                    "promotion rule needs a positive horizon and signal count and a gain >= 0");
        }
    }

    /** The decision and the sentence that explains it. */
    public record Verdict(String decision, String explanation) {}

    public static final String PROMOTE = "PROMOTE";
    public static final String KEEP = "KEEP_PRODUCTION";
    public static final String UNDECIDED = "NOT_ENOUGH_DATA";

    public Verdict decide(OutcomeTable table, String production, String shadow) {
        OutcomeTable.Cell p = table.get(production, horizonMinutes, OutcomeTable.ALL);
        OutcomeTable.Cell s = table.get(shadow, horizonMinutes, OutcomeTable.ALL);
        long pn = p == null ? 0 : p.stats().signals;
        long sn = s == null ? 0 : s.stats().signals;
        String rule =
                String.format(
                        Locale.ROOT,
                        "rule: at +%d min, at least %d judged signals each, shadow hit rate higher by >= %.2f "
                                + "and higher paper P&L",
                        horizonMinutes,
                        minSignals,
                        minHitRateGain);
        if (pn < minSignals || sn < minSignals) {
            return new Verdict(
                    UNDECIDED,
                    String.format(
                            Locale.ROOT,
                            "Not enough signals to decide: production %d, shadow %d, minimum %d (%s).",
                            pn,
                            sn,
                            minSignals,
                            rule));
        }
        double gain = s.stats().hitRate() - p.stats().hitRate();
        double pnlGain = s.stats().cumulativePnl - p.stats().cumulativePnl;
        String figures =
                String.format(
                        Locale.ROOT,
                        "hit rate %.2f vs %.2f (standard errors about %.2f and %.2f), paper P&L %+.0f vs %+.0f USD",
                        s.stats().hitRate(),
                        p.stats().hitRate(),
                        standardError(s),
                        standardError(p),
                        s.stats().cumulativePnl,
                        p.stats().cumulativePnl);
        boolean better = gain >= minHitRateGain && pnlGain > 0;
        return new Verdict(
                better ? PROMOTE : KEEP,
                (better
                                ? "The shadow beats production by the rule: "
                                : "The shadow does not beat production by the rule: ")
                        + figures
                        + " ("
                        + rule
                        + "). This is a rule of thumb over one period, not a test of significance.");
    }

    private static double standardError(OutcomeTable.Cell c) {
        double p = c.stats().hitRate();
        return Math.sqrt(p * (1 - p) / c.stats().signals);
    }
}
