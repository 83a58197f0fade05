package io.instflow.ifd.io;

import io.instflow.avro.PipelineMetric;
import io.instflow.contract.MetricRecords;
import io.instflow.ifd.logic.Detector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the detector reports on {@code ifd.metrics} after each evaluated window: windows,
 * candidates, rejections, signals by tier, how long after the window end it emitted, and how far
 * event time trails the wall clock.
 */
public final class DetectorMetrics implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final MetricRecords metrics;
    private final long windowNs;

    public DetectorMetrics(MetricRecords metrics, long windowNs) {
        this.metrics = metrics;
        this.windowNs = windowNs;
    }

    /**
     * @param windowEndMs the evaluated window's end (event time, ms)
     * @param windows contract windows that closed there
     * @param watermarkMs the operator's current watermark, or {@code Long.MIN_VALUE} for none yet
     * @param nowMs the wall clock
     */
    public List<PipelineMetric> of(
            long windowEndMs,
            int windows,
            Detector.Evaluation evaluation,
            long watermarkMs,
            long nowMs) {
        long end = windowEndMs * 1_000_000L;
        long start = end - windowNs;
        List<PipelineMetric> out = new ArrayList<>();
        out.add(metrics.metric("windows", windows, "count", start, end, Map.of()));
        out.add(
                metrics.metric(
                        "candidates", evaluation.verdicts().size(), "count", start, end, Map.of()));
        out.add(metrics.metric("rejections", evaluation.rejected(), "count", start, end, Map.of()));
        evaluation
                .signalsByTier()
                .forEach(
                        (tier, n) ->
                                out.add(
                                        metrics.metric(
                                                "signals",
                                                n,
                                                "count",
                                                start,
                                                end,
                                                Map.of("tier", tier))));
        out.add(metrics.metric("emit_latency_ms", nowMs - windowEndMs, "ms", start, end, Map.of()));
        if (watermarkMs > Long.MIN_VALUE && watermarkMs < Long.MAX_VALUE) {
            out.add(
                    metrics.metric(
                            "watermark_lag_ms", nowMs - watermarkMs, "ms", start, end, Map.of()));
        }
        return out;
    }
}
