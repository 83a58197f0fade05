package io.instflow.ifd.logic;

import java.lang.reflect.RecordComponent;
import java.util.Set;

/**
 * Every number of the IFD v3.0 spec that a profile may set (spec section 8 and the defaults of
 * sections 3 to 7), then those only v3.1 reads (docs/ifd-v3.1.md). Plain values, no Flink. Built by
 * name: {@code DetectorParams.builder()} starts from the production profile's values, {@link
 * #toBuilder()} from these.
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
        boolean diagnostics,
        long structureMinLegSize,
        long structureMatchMs,
        double structureSizeTolerance,
        double structureMinShare,
        int sweepMinLevels,
        long sweepMinSize,
        double sweepBaselineMultiple,
        double minMeanOrderSize)
        implements java.io.Serializable {

    /** The algorithms a profile may select. */
    public static final Set<String> ALGORITHMS = Set.of("v3", "v3.1", "compat");

    /** The first components, v3.0's: all a v3 or compat profile reads. */
    private static final int V30_VALUES = 31;

    /**
     * The parameter set's version, as signals carry it in {@code parameter_version}: a hash, in
     * component order, of the values the profile's algorithm reads. v3 and compat hash only the
     * v3.0 values, so their versions are those they had before v3.1's values existed.
     */
    public String version() {
        RecordComponent[] components = DetectorParams.class.getRecordComponents();
        int read = isV31() ? components.length : V30_VALUES;
        int h = 0;
        try {
            for (int i = 0; i < read; i++) {
                h = 31 * h + components[i].getAccessor().invoke(this).hashCode();
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + components[0].getName(), e);
        }
        return Integer.toHexString(h);
    }

    /** Whether the profile runs IFD v3.1. */
    public boolean isV31() {
        return "v3.1".equals(algorithm);
    }

    /** The production profile of spec section 8. */
    public static DetectorParams production() {
        return builder().build();
    }

    /**
     * The testing mode: the conservative gates with production's algorithm, and diagnostic output
     * of every candidate (each gate's value against its threshold, near misses).
     */
    public static DetectorParams testing() {
        return conservative().toBuilder()
                .profile("testing")
                .algorithm("v3.1")
                .diagnostics(true)
                .build();
    }

    /** The exploratory profile: the prototype's looser gates, for more candidates to look at. */
    public static DetectorParams exploratory() {
        return builder()
                .profile("exploratory")
                .algorithm("v3")
                .minPressureRatio(1.5)
                .minVolumeConcentration(0.3)
                .minTimePersistence(0.3)
                .minTrendStrength(0.4)
                .minBaselineAnomaly(1.5)
                .minOverallConfidence(0.5)
                .marketMakingPenalty(0.3)
                .lookbackDays(10)
                .minDataQuality(0.7)
                .minTotalVolume(50)
                .build();
    }

    /** The conservative profile. */
    public static DetectorParams conservative() {
        return builder()
                .profile("conservative")
                .minPressureRatio(3.0)
                .minVolumeConcentration(0.6)
                .minTimePersistence(0.7)
                .minTrendStrength(0.8)
                .minBaselineAnomaly(3.0)
                .minOverallConfidence(0.85)
                .marketMakingPenalty(0.5)
                .lookbackDays(30)
                .minDataQuality(0.95)
                .minTotalVolume(200)
                .build();
    }

    /** A builder holding the production profile's values. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.algorithm = algorithm;
        b.profile = profile;
        b.minPressureRatio = minPressureRatio;
        b.minVolumeConcentration = minVolumeConcentration;
        b.minTimePersistence = minTimePersistence;
        b.minTrendStrength = minTrendStrength;
        b.minBaselineAnomaly = minBaselineAnomaly;
        b.minOverallConfidence = minOverallConfidence;
        b.marketMakingPenalty = marketMakingPenalty;
        b.lookbackDays = lookbackDays;
        b.minDataQuality = minDataQuality;
        b.minTotalVolume = minTotalVolume;
        b.blockSize = blockSize;
        b.ratioCap = ratioCap;
        b.volumeCap = volumeCap;
        b.lookbackWindows = lookbackWindows;
        b.baselineMinDays = baselineMinDays;
        b.zThreshold = zThreshold;
        b.percentileThreshold = percentileThreshold;
        b.mmHistory = mmHistory;
        b.mmStraddleWindowSeconds = mmStraddleWindowSeconds;
        b.mmMaxProbability = mmMaxProbability;
        b.spoofMinSize = spoofMinSize;
        b.spoofMaxLifeMs = spoofMaxLifeMs;
        b.spoofMaxRatio = spoofMaxRatio;
        b.coordinationStrikePoints = coordinationStrikePoints;
        b.weightPressure = weightPressure;
        b.weightBaseline = weightBaseline;
        b.weightCoordination = weightCoordination;
        b.riskBase = riskBase;
        b.diagnostics = diagnostics;
        b.structureMinLegSize = structureMinLegSize;
        b.structureMatchMs = structureMatchMs;
        b.structureSizeTolerance = structureSizeTolerance;
        b.structureMinShare = structureMinShare;
        b.sweepMinLevels = sweepMinLevels;
        b.sweepMinSize = sweepMinSize;
        b.sweepBaselineMultiple = sweepBaselineMultiple;
        b.minMeanOrderSize = minMeanOrderSize;
        return b;
    }

    /** Named setters for every parameter; {@link #build()} makes the immutable record. */
    public static final class Builder {
        private String algorithm = "v3";
        private String profile = "production";
        private double minPressureRatio = 2.0;
        private double minVolumeConcentration = 0.4;
        private double minTimePersistence = 0.5;
        private double minTrendStrength = 0.6;
        private double minBaselineAnomaly = 2.0;
        private double minOverallConfidence = 0.7;
        private double marketMakingPenalty = 0.4;
        private int lookbackDays = 20;
        private double minDataQuality = 0.9;
        private long minTotalVolume = 100;
        private long blockSize = 50;
        private double ratioCap = 10;
        private double volumeCap = 1000;
        private int lookbackWindows = 3;
        private int baselineMinDays = 5;
        private double zThreshold = 2.0;
        private double percentileThreshold = 95;
        private int mmHistory = 10;
        private double mmStraddleWindowSeconds = 300;
        private double mmMaxProbability = 0.3;
        private long spoofMinSize = 50;
        private long spoofMaxLifeMs = 2000;
        private double spoofMaxRatio = 0.5;
        private double coordinationStrikePoints = 50;
        private double weightPressure = 0.4;
        private double weightBaseline = 0.3;
        private double weightCoordination = 0.1;
        private double riskBase = 0.02;
        private boolean diagnostics = false;
        private long structureMinLegSize = 5;
        private long structureMatchMs = 1000;
        private double structureSizeTolerance = 0.25;
        private double structureMinShare = 0.5;
        private int sweepMinLevels = 2;
        private long sweepMinSize = 20;
        private double sweepBaselineMultiple = 3.0;
        private double minMeanOrderSize = 4.0;

        private Builder() {}

        public Builder algorithm(String value) {
            this.algorithm = value;
            return this;
        }

        public Builder profile(String value) {
            this.profile = value;
            return this;
        }

        public Builder minPressureRatio(double value) {
            this.minPressureRatio = value;
            return this;
        }

        public Builder minVolumeConcentration(double value) {
            this.minVolumeConcentration = value;
            return this;
        }

        public Builder minTimePersistence(double value) {
            this.minTimePersistence = value;
            return this;
        }

        public Builder minTrendStrength(double value) {
            this.minTrendStrength = value;
            return this;
        }

        public Builder minBaselineAnomaly(double value) {
            this.minBaselineAnomaly = value;
            return this;
        }

        public Builder minOverallConfidence(double value) {
            this.minOverallConfidence = value;
            return this;
        }

        public Builder marketMakingPenalty(double value) {
            this.marketMakingPenalty = value;
            return this;
        }

        public Builder lookbackDays(int value) {
            this.lookbackDays = value;
            return this;
        }

        public Builder minDataQuality(double value) {
            this.minDataQuality = value;
            return this;
        }

        public Builder minTotalVolume(long value) {
            this.minTotalVolume = value;
            return this;
        }

        public Builder blockSize(long value) {
            this.blockSize = value;
            return this;
        }

        public Builder ratioCap(double value) {
            this.ratioCap = value;
            return this;
        }

        public Builder volumeCap(double value) {
            this.volumeCap = value;
            return this;
        }

        public Builder lookbackWindows(int value) {
            this.lookbackWindows = value;
            return this;
        }

        public Builder baselineMinDays(int value) {
            this.baselineMinDays = value;
            return this;
        }

        public Builder zThreshold(double value) {
            this.zThreshold = value;
            return this;
        }

        public Builder percentileThreshold(double value) {
            this.percentileThreshold = value;
            return this;
        }

        public Builder mmHistory(int value) {
            this.mmHistory = value;
            return this;
        }

        public Builder mmStraddleWindowSeconds(double value) {
            this.mmStraddleWindowSeconds = value;
            return this;
        }

        public Builder mmMaxProbability(double value) {
            this.mmMaxProbability = value;
            return this;
        }

        public Builder spoofMinSize(long value) {
            this.spoofMinSize = value;
            return this;
        }

        public Builder spoofMaxLifeMs(long value) {
            this.spoofMaxLifeMs = value;
            return this;
        }

        public Builder spoofMaxRatio(double value) {
            this.spoofMaxRatio = value;
            return this;
        }

        public Builder coordinationStrikePoints(double value) {
            this.coordinationStrikePoints = value;
            return this;
        }

        public Builder weightPressure(double value) {
            this.weightPressure = value;
            return this;
        }

        public Builder weightBaseline(double value) {
            this.weightBaseline = value;
            return this;
        }

        public Builder weightCoordination(double value) {
            this.weightCoordination = value;
            return this;
        }

        public Builder riskBase(double value) {
            this.riskBase = value;
            return this;
        }

        public Builder diagnostics(boolean value) {
            this.diagnostics = value;
            return this;
        }

        public Builder structureMinLegSize(long value) {
            this.structureMinLegSize = value;
            return this;
        }

        public Builder structureMatchMs(long value) {
            this.structureMatchMs = value;
            return this;
        }

        public Builder structureSizeTolerance(double value) {
            this.structureSizeTolerance = value;
            return this;
        }

        public Builder structureMinShare(double value) {
            this.structureMinShare = value;
            return this;
        }

        public Builder sweepMinLevels(int value) {
            this.sweepMinLevels = value;
            return this;
        }

        public Builder sweepMinSize(long value) {
            this.sweepMinSize = value;
            return this;
        }

        public Builder sweepBaselineMultiple(double value) {
            this.sweepBaselineMultiple = value;
            return this;
        }

        public Builder minMeanOrderSize(double value) {
            this.minMeanOrderSize = value;
            return this;
        }

        public DetectorParams build() {
            return new DetectorParams(
                    algorithm,
                    profile,
                    minPressureRatio,
                    minVolumeConcentration,
                    minTimePersistence,
                    minTrendStrength,
                    minBaselineAnomaly,
                    minOverallConfidence,
                    marketMakingPenalty,
                    lookbackDays,
                    minDataQuality,
                    minTotalVolume,
                    blockSize,
                    ratioCap,
                    volumeCap,
                    lookbackWindows,
                    baselineMinDays,
                    zThreshold,
                    percentileThreshold,
                    mmHistory,
                    mmStraddleWindowSeconds,
                    mmMaxProbability,
                    spoofMinSize,
                    spoofMaxLifeMs,
                    spoofMaxRatio,
                    coordinationStrikePoints,
                    weightPressure,
                    weightBaseline,
                    weightCoordination,
                    riskBase,
                    diagnostics,
                    structureMinLegSize,
                    structureMatchMs,
                    structureSizeTolerance,
                    structureMinShare,
                    sweepMinLevels,
                    sweepMinSize,
                    sweepBaselineMultiple,
                    minMeanOrderSize);
        }
    }
}
