package io.instflow.contract;

import io.instflow.avro.PipelineMetric;

import java.util.HashMap;
import java.util.Map;

/**
 * The job's metrics as {@code ifd.metrics} records, stamped with the one name of the deployment (so
 * the dashboard's health panel shows one job) and the profile it runs.
 */
public final class MetricRecords implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final String job;
    private final String profile;

    public MetricRecords(Deployment deployment, String profile) {
        this.job = deployment.name();
        this.profile = profile;
    }

    /**
     * A metric about the event-time span {@code [windowStart, windowEnd]} (ns), written now.
     *
     * @param unit e.g. {@code count}, {@code ms}, {@code records/s}
     */
    public PipelineMetric metric(
            String name,
            double value,
            String unit,
            long windowStart,
            long windowEnd,
            Map<String, String> tags) {
        return PipelineMetric.newBuilder()
                .setJob(job)
                .setProfile(profile)
                .setTs(System.currentTimeMillis() * 1_000_000L)
                .setName(name)
                .setValue(value)
                .setUnit(unit)
                .setWindowStart(windowStart)
                .setWindowEnd(windowEnd)
                .setTags(new HashMap<>(tags))
                .build();
    }

    /** An instantaneous metric (no event-time span) measured at {@code tsNanos}. */
    public PipelineMetric instant(
            String name, double value, String unit, long tsNanos, Map<String, String> tags) {
        return PipelineMetric.newBuilder()
                .setJob(job)
                .setProfile(profile)
                .setTs(tsNanos)
                .setName(name)
                .setValue(value)
                .setUnit(unit)
                .setTags(new HashMap<>(tags))
                .build();
    }
}
