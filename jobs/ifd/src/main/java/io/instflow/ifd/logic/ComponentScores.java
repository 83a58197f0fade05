package io.instflow.ifd.logic;

import io.instflow.ifd.model.PressureMath;
import io.instflow.ifd.model.WindowStats;

/**
 * The v3 components of a candidate (spec section 5), each in [0, 1].
 *
 * @param direction +1 for buy pressure, -1 for sell pressure
 */
public record ComponentScores(
        int direction,
        double significance,
        double trend,
        double concentration,
        double persistence,
        double raw) {

    private static final double LN2 = Math.log(2);

    /**
     * @param recent log_pressure of this contract's last windows, oldest first, the current one
     *     last; a missing window counts as 0
     * @param windowsSeen how many of those windows had trades
     */
    public static ComponentScores of(
            WindowStats w, double[] recent, int windowsSeen, DetectorParams p) {
        double s = w.buyShare();
        int d = PressureMath.dominantSide(s);
        double lp = w.logPressure();
        double confidence = PressureMath.pressureConfidence(w.trades, s);
        double significance =
                0.5 * Math.min(Math.abs(lp) / Math.log(p.ratioCap()), 1)
                        + 0.3 * Math.min(w.classifiedVolume() / p.volumeCap(), 1)
                        + 0.2 * confidence;
        double trend = windowsSeen < 2 ? 0.5 : clamp01(d * slope(recent) / LN2);
        double f = d > 0 ? s : 1 - s;
        double concentration = Math.max(0, (f - 0.5) * 2);
        double persistence =
                windowsSeen < 2 ? 0.5 : persistence(recent, d, Math.log(p.minPressureRatio()));
        double raw = 0.4 * significance + 0.3 * trend + 0.2 * concentration + 0.1 * persistence;
        return new ComponentScores(d, significance, trend, concentration, persistence, raw);
    }

    /** Least-squares slope of values over their indexes. */
    static double slope(double[] values) {
        int n = values.length;
        if (n < 2) {
            return 0;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (double v : values) {
            meanY += v;
        }
        meanY /= n;
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - meanX) * (values[i] - meanY);
            den += (i - meanX) * (i - meanX);
        }
        return num / den;
    }

    private static double persistence(double[] recent, int d, double threshold) {
        int strong = 0;
        for (double lp : recent) {
            if (Math.abs(lp) >= threshold && Math.signum(lp) == d) {
                strong++;
            }
        }
        return (double) strong / recent.length;
    }

    static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
