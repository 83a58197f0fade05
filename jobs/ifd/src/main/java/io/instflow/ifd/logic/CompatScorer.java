package io.instflow.ifd.logic;

/**
 * The prototype's confidence, reproduced exactly for regression (spec section 9): ratio = buy /
 * sell volume instead of log pressure, unnormalised weights, a fixed default baseline, and a
 * ceiling of about 0.708.
 */
public final class CompatScorer {

    static final double DEFAULT_MEAN = 1.5;
    static final double DEFAULT_SD = 0.5;

    private CompatScorer() {}

    /**
     * The prototype's components and confidence of one fresh window.
     *
     * @param pressureConfidence the prototype's own pressure confidence (an input there)
     * @param straddle the straddle score (0 without a put/call partner)
     */
    public static Result score(
            long buyVolume, long sellVolume, double pressureConfidence, double straddle) {
        double ratio = sellVolume == 0 ? buyVolume : (double) buyVolume / sellVolume;
        long volume = buyVolume + sellVolume;
        double significance =
                0.5 * Math.min(ratio / 10, 1)
                        + 0.3 * Math.min(volume / 1000.0, 1)
                        + 0.2 * pressureConfidence;
        double trend = 0.5;
        double persistence = 0.5;
        double share = volume == 0 ? 0.5 : (double) Math.max(buyVolume, sellVolume) / volume;
        double concentration = Math.max(0, (share - 0.5) * 2);
        double raw = 0.4 * significance + 0.3 * trend + 0.2 * concentration + 0.1 * persistence;
        double z = (ratio - DEFAULT_MEAN) / DEFAULT_SD;
        boolean anomaly = Math.abs(z) >= 2.0;
        double baselineConfidence = anomaly ? 0 : 0.5;
        double mm = 0.7 * straddle + 0.3 * 0.1;
        double confidence =
                ComponentScores.clamp01(
                        (raw * 0.4 + baselineConfidence * 0.3) * (1 - mm * 0.2) + 0.12 * 0.1);
        return new Result(
                significance,
                trend,
                concentration,
                persistence,
                raw,
                z,
                baselineConfidence,
                mm,
                confidence);
    }

    /** Every intermediate value of the prototype's scoring. */
    public record Result(
            double significance,
            double trend,
            double concentration,
            double persistence,
            double raw,
            double z,
            double baselineConfidence,
            double mm,
            double finalConfidence) {}
}
