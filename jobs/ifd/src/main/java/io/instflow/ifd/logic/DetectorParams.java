package io.instflow.ifd.logic;

/**
 * Every number of the IFD v3.0 spec that a profile may set (spec section 8 and the defaults of
 * sections 3 to 7). Plain values, no Flink.
 */
public record DetectorParams(
        String algorithm,
        String profile,
        double minPressureRatio,
        double minVolumeConcentration,
        double minTimePersistence,
        double minTrendStrength,
        double minBaselineAnomaly,
        double minOverallConfidence,
        double marketMakingPenalty,
        int lookbackDays,
        double minDataQuality,
        long minTotalVolume,
        long blockSize,
        double ratioCap,
        double volumeCap,
        int lookbackWindows,
        int baselineMinDays,
        double zThreshold,
        double percentileThreshold,
        int mmHistory,
        double mmStraddleWindowSeconds,
        double mmMaxProbability,
        long spoofMinSize,
        long spoofMaxLifeMs,
        double spoofMaxRatio,
        double coordinationStrikePoints,
        double weightPressure,
        double weightBaseline,
        double weightCoordination,
        double riskBase,
        boolean diagnostics) implements java.io.Serializable {

    /** The production profile of spec section 8. */
    public static DetectorParams production() {
        return of("v3", "production", 2.0, 0.4, 0.5, 0.6, 2.0, 0.7, 0.4, 20, 0.9, 100, false);
    }

    /** The testing profile: looser gates, diagnostic output of every candidate. */
    public static DetectorParams testing() {
        return of("v3", "testing", 1.5, 0.3, 0.3, 0.4, 1.5, 0.5, 0.3, 10, 0.7, 50, true);
    }

    /** The conservative profile. */
    public static DetectorParams conservative() {
        return of("v3", "conservative", 3.0, 0.6, 0.7, 0.8, 3.0, 0.85, 0.5, 30, 0.95, 200, false);
    }

    static DetectorParams of(String algorithm, String profile, double minPressureRatio, double minConcentration,
            double minPersistence, double minTrend, double minAnomaly, double minConfidence, double mmPenalty,
            int lookbackDays, double minDataQuality, long minVolume, boolean diagnostics) {
        return new DetectorParams(algorithm, profile, minPressureRatio, minConcentration, minPersistence, minTrend,
                minAnomaly, minConfidence, mmPenalty, lookbackDays, minDataQuality, minVolume, 50, 10, 1000, 3, 5, 2.0,
                95, 10, 300, 0.3, 50, 2000, 0.5, 50, 0.4, 0.3, 0.1, 0.02, diagnostics);
    }
}
