package io.instflow.ifd.functions;

import io.instflow.avro.MboEvent;
import io.instflow.avro.PipelineMetric;
import io.instflow.contract.MetricRecords;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.Map;

/**
 * Passes MBO records through and, every 100,000 records of a subtask, reports its records per
 * second and watermark lag (processing time minus event time) to the metrics side output. Each
 * completed checkpoint is reported as {@code checkpoint_completed} (value: its id, ts: when it
 * completed) with the next record, since a side output can only be written while processing one.
 */
public final class ThroughputFunction extends ProcessFunction<MboEvent, MboEvent>
        implements CheckpointListener {

    private static final long serialVersionUID = 1L;

    /** Records of a subtask per records_per_second report. */
    public static final long RECORDS_PER_REPORT = 100_000;

    public static final OutputTag<PipelineMetric> METRICS =
            new OutputTag<>(
                    "throughput",
                    new org.apache.flink.formats.avro.typeutils.AvroTypeInfo<>(
                            PipelineMetric.class));

    private final MetricRecords metrics;
    private transient long count;
    private transient long sinceNs;
    private transient volatile long completedCheckpoint;
    private transient volatile long completedAtNs;
    private transient long reportedCheckpoint;

    public ThroughputFunction(MetricRecords metrics) {
        this.metrics = metrics;
    }

    @Override
    public void open(OpenContext context) {
        sinceNs = System.nanoTime();
    }

    @Override
    public void processElement(MboEvent e, Context ctx, Collector<MboEvent> out) {
        out.collect(e);
        long checkpoint = completedCheckpoint;
        if (checkpoint > reportedCheckpoint) {
            reportedCheckpoint = checkpoint;
            ctx.output(
                    METRICS,
                    metric(
                            "checkpoint_completed",
                            checkpoint,
                            "count",
                            Integer.toString(
                                    getRuntimeContext().getTaskInfo().getIndexOfThisSubtask()),
                            completedAtNs));
        }
        if (++count % RECORDS_PER_REPORT != 0) {
            return;
        }
        long now = System.nanoTime();
        String subtask =
                Integer.toString(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        long tsNow = System.currentTimeMillis() * 1_000_000L;
        ctx.output(
                METRICS,
                metric(
                        "records_per_second",
                        RECORDS_PER_REPORT / ((now - sinceNs) / 1e9),
                        "per_second",
                        subtask,
                        tsNow));
        long watermark = ctx.timerService().currentWatermark();
        if (watermark > 0) {
            ctx.output(
                    METRICS,
                    metric("watermark_lag_ms", tsNow / 1e6 - watermark, "ms", subtask, tsNow));
        }
        sinceNs = now;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        completedAtNs = System.currentTimeMillis() * 1_000_000L;
        completedCheckpoint = checkpointId;
    }

    private PipelineMetric metric(String name, double value, String unit, String subtask, long ts) {
        return metrics.instant(name, value, unit, ts, Map.of("subtask", subtask));
    }
}
