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
        List<String> failed = new ArrayList<>();
        if (Math.abs(w.logPressure()) < Math.log(p.minPressureRatio())) {
            failed.add("min_pressure_ratio");
        }
        if (w.classifiedVolume() < p.minTotalVolume()) {
            failed.add("min_total_volume");
        }
        if (c.concentration() < p.minVolumeConcentration()) {
            failed.add("min_volume_concentration");
        }
        if (c.persistence() < p.minTimePersistence()) {
            failed.add("min_time_persistence");
        }
        if (c.trend() < p.minTrendStrength()) {
            failed.add("min_trend_strength");
        }
        if (baseline.present()
                && baseline.dataQuality() >= p.minDataQuality()
                && Math.abs(baseline.z()) < p.minBaselineAnomaly()) {
            failed.add("min_baseline_anomaly");
        }
        if (confidence < p.minOverallConfidence()) {
            failed.add("min_overall_confidence");
        }
        if (mm > p.mmMaxProbability()) {
            failed.add("market_making");
        }
        if (spoof > p.spoofMaxRatio()) {
            failed.add("spoofing");
        }
        return classify(
                call, c.direction(), baselineConfidence, coordination, confidence, failed, p);
    }

    /**
     * The prototype's verdict ({@code compat}, spec section 9): its confidence and components, held
     * to the profile's gates. Its trend and persistence are fixed at 0.5 and its confidence stays
     * below about 0.708, so strict profiles reject it by design.
     */
    public static Decision decideCompat(
            boolean call, WindowStats w, CompatScorer.Result r, double spoof, DetectorParams p) {
        List<String> failed = new ArrayList<>();
        if (Math.abs(w.logPressure()) < Math.log(p.minPressureRatio())) {
            failed.add("min_pressure_ratio");
        }
        if (w.classifiedVolume() < p.minTotalVolume()) {
            failed.add("min_total_volume");
        }
        if (r.concentration() < p.minVolumeConcentration()) {
            failed.add("min_volume_concentration");
        }
        if (r.persistence() < p.minTimePersistence()) {
            failed.add("min_time_persistence");
        }
        if (r.trend() < p.minTrendStrength()) {
            failed.add("min_trend_strength");
        }
        if (r.finalConfidence() < p.minOverallConfidence()) {
            failed.add("min_overall_confidence");
        }
        if (r.mm() > p.mmMaxProbability()) {
            failed.add("market_making");
        }
        if (spoof > p.spoofMaxRatio()) {
            failed.add("spoofing");
        }
        int flow = w.buyVolume >= w.sellVolume ? 1 : -1;
        return classify(call, flow, r.baselineConfidence(), 0, r.finalConfidence(), failed, p);
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
            List<String> failed,
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
                failed,
                tier,
                strength,
                multiplier,
                direction,
                action,
                1 - confidence,
                p.riskBase() * multiplier);
    }
}
