package io.instflow.contract.flink;

import io.instflow.avro.PipelineMetric;
import io.instflow.contract.MetricRecords;

import org.apache.flink.api.common.functions.MapFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Counts every dead letter on {@code ifd.metrics} ({@code dead_letters}, tagged with its source
 * topic and reason kind) and logs the first of each kind once, with where it came from.
 */
public final class DeadLetterMetrics implements MapFunction<DeadLetter, PipelineMetric> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterMetrics.class);

    private final MetricRecords metrics;
    private transient Set<String> logged;

    public DeadLetterMetrics(MetricRecords metrics) {
        this.metrics = metrics;
    }

    @Override
    public PipelineMetric map(DeadLetter d) {
        String kind = d.kind();
        if (logged == null) {
            logged = new HashSet<>();
        }
        if (logged.add(d.topic + "|" + kind)) {
            LOG.warn(
                    "dead-lettered {} partition {} offset {}: {} (further ones of this kind are counted, not logged)",
                    d.topic,
                    d.partition,
                    d.offset,
                    d.reason);
        }
        return metrics.instant(
                "dead_letters",
                1,
                "count",
                System.currentTimeMillis() * 1_000_000L,
                Map.of("topic", d.topic, "reason", kind));
    }
}
