package io.instflow.ifd.model;

import java.io.Serializable;

/**
 * One trading day's aggregates of one contract (spec section 4): window count, sums and sums of
 * squares of log_pressure and of ln(1 + volume), and a histogram of |log_pressure| in bins of 0.1
 * up to 5.0 (the last bin takes everything above).
 */
public final class DailyStats implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int BINS = 50;
    static final double BIN_WIDTH = 0.1;

    public long windows;
    public double sumPressure;
    public double sumPressureSquared;
    public double sumLogVolume;
    public double sumLogVolumeSquared;
    public long[] histogram = new long[BINS];

    public void add(double logPressure, long volume) {
        windows++;
        sumPressure += logPressure;
        sumPressureSquared += logPressure * logPressure;
        double v = Math.log1p(volume);
        sumLogVolume += v;
        sumLogVolumeSquared += v * v;
        histogram[bin(Math.abs(logPressure))]++;
    }

    public DailyStats copy() {
        DailyStats c = new DailyStats();
        c.windows = windows;
        c.sumPressure = sumPressure;
        c.sumPressureSquared = sumPressureSquared;
        c.sumLogVolume = sumLogVolume;
        c.sumLogVolumeSquared = sumLogVolumeSquared;
        c.histogram = histogram.clone();
        return c;
    }

    public static int bin(double absPressure) {
        return (int) Math.min(BINS - 1, Math.floor(absPressure / BIN_WIDTH));
    }
}
