package io.instflow.ifd.logic;

import io.instflow.ifd.model.WindowStats;

import java.util.ArrayList;
import java.util.List;

/**
 * Confidence, gates, tiers and direction of IFD v3.0 (spec sections 6 and 7). A candidate that
 * fails any gate or filter is rejected with every failure named; the market-making and spoofing
 * filters reject, not only penalise.
 */
public final class Scorer {

    private Scorer() {}

    /**
     * @param call whether the contract is a call
     * @param coordination the cross-strike coordination score of the candidate
     */
    public static Decision decide(
            boolean call,
            WindowStats w,
            ComponentScores c,
            Baseline baseline,
            double mm,
            double spoof,
            double coordination,
            DetectorParams p) {
        double baselineConfidence = baselineConfidence(baseline, p);
        double baselineWeight = baselineWeight(baseline, p);
        double weights = p.weightPressure() + baselineWeight + p.weightCoordination();
        double blended =
                (p.weightPressure() * c.raw()
                                + baselineWeight * baselineConfidence
                                + p.weightCoordination() * coordination)
                        / weights;
        double confidence = ComponentScores.clamp01(blended * (1 - p.marketMakingPenalty() * mm));
        List<Gate> gates = new ArrayList<>();
        gates.add(pressureRatio(w, p));
        gates.add(Gate.atLeast("min_total_volume", w.classifiedVolume(), p.minTotalVolume()));
        gates.add(
                Gate.atLeast(
                        "min_volume_concentration", c.concentration(), p.minVolumeConcentration()));
        gates.add(Gate.atLeast("min_time_persistence", c.persistence(), p.minTimePersistence()));
        gates.add(Gate.atLeast("min_trend_strength", c.trend(), p.minTrendStrength()));
        if (baseline.present() && baseline.dataQuality() >= p.minDataQuality()) {
            gates.add(
                    Gate.atLeast(
                            "min_baseline_anomaly",
                            Math.abs(baseline.z()),
                            p.minBaselineAnomaly()));
        }
        gates.add(Gate.atLeast("min_overall_confidence", confidence, p.minOverallConfidence()));
        gates.add(Gate.atMost("market_making", mm, p.mmMaxProbability()));
        gates.add(Gate.atMost("spoofing", spoof, p.spoofMaxRatio()));
        return classify(
                call, c.direction(), baselineConfidence, coordination, confidence, gates, p);
    }

    /**
     * The prototype's verdict ({@code compat}, spec section 9): its confidence and components, held
     * to the profile's gates. Its trend and persistence are fixed at 0.5 and its confidence stays
     * below about 0.708, so strict profiles reject it by design.
     */
    public static Decision decideCompat(
            boolean call, WindowStats w, CompatScorer.Result r, double spoof, DetectorParams p) {
        List<Gate> gates = new ArrayList<>();
        gates.add(pressureRatio(w, p));
        gates.add(Gate.atLeast("min_total_volume", w.classifiedVolume(), p.minTotalVolume()));
        gates.add(
                Gate.atLeast(
                        "min_volume_concentration", r.concentration(), p.minVolumeConcentration()));
        gates.add(Gate.atLeast("min_time_persistence", r.persistence(), p.minTimePersistence()));
        gates.add(Gate.atLeast("min_trend_strength", r.trend(), p.minTrendStrength()));
        gates.add(
                Gate.atLeast(
                        "min_overall_confidence", r.finalConfidence(), p.minOverallConfidence()));
        gates.add(Gate.atMost("market_making", r.mm(), p.mmMaxProbability()));
        gates.add(Gate.atMost("spoofing", spoof, p.spoofMaxRatio()));
        int flow = w.buyVolume >= w.sellVolume ? 1 : -1;
        return classify(call, flow, r.baselineConfidence(), 0, r.finalConfidence(), gates, p);
    }

    /**
     * The pressure ratio, the larger side's volume + 1 over the smaller's + 1, against its minimum,
     * judged in log space as the spec writes it.
     */
    private static Gate pressureRatio(WindowStats w, DetectorParams p) {
        double logRatio = Math.abs(w.logPressure());
        return new Gate(
                "min_pressure_ratio",
                Math.exp(logRatio),
                p.minPressureRatio(),
                false,
                logRatio >= Math.log(p.minPressureRatio()));
    }

    /**
     * min(0.5 min(|z| / 4, 1) + 0.5 rank / 100, 1); v3.0 takes 0.5 instead when the baseline is
     * absent or below {@code min_data_quality}, v3.1 takes 0 without a baseline (its weight is 0
     * then).
     */
    static double baselineConfidence(Baseline b, DetectorParams p) {
        boolean usable =
                p.isV31() ? b.present() : b.present() && b.dataQuality() >= p.minDataQuality();
        if (!usable) {
            return p.isV31() ? 0 : 0.5;
        }
        return Math.min(0.5 * Math.min(Math.abs(b.z()) / 4, 1) + 0.5 * b.percentileRank() / 100, 1);
    }

    /**
     * The baseline's weight in the confidence blend: v3.0's {@code weights.baseline}; v3.1 scales
     * it by the baseline's data quality, so a young baseline neither caps nor props up confidence.
     */
    static double baselineWeight(Baseline b, DetectorParams p) {
        if (!p.isV31()) {
            return p.weightBaseline();
        }
        return b.present() ? p.weightBaseline() * b.dataQuality() : 0;
    }

    static Decision classify(
            boolean call,
            int flowDirection,
            double baselineConfidence,
            double coordination,
            double confidence,
            List<Gate> gates,
            DetectorParams p) {
        String tier;
        int strength;
        double multiplier;
        if (confidence >= 0.9) {
            tier = "EXTREME";
            strength = 4;
            multiplier = 3.0;
        } else if (confidence >= 0.8) {
            tier = "VERY_HIGH";
            strength = 3;
            multiplier = 2.0;
        } else if (confidence >= 0.7) {
            tier = "HIGH";
            strength = 2;
            multiplier = 1.5;
        } else {
            tier = "MODERATE";
            strength = 1;
            multiplier = 1.0;
        }
        boolean long_ = (call && flowDirection > 0) || (!call && flowDirection < 0);
        String direction = long_ ? "LONG" : "SHORT";
        String action =
                tier.equals("MODERATE")
                        ? "MONITOR"
                        : long_
                                ? (tier.equals("EXTREME") ? "STRONG_BUY" : "BUY")
                                : (tier.equals("EXTREME") ? "STRONG_SELL" : "SELL");
        return new Decision(
                baselineConfidence,
                coordination,
                confidence,
                gates,
                tier,
                strength,
                multiplier,
                direction,
                action,
                1 - confidence,
                p.riskBase() * multiplier);
    }
}
