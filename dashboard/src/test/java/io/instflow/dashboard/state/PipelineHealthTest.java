package io.instflow.dashboard.state;

import io.instflow.avro.FeedStatusKind;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.instflow.testing.OutputRecords.metric;
import static io.instflow.testing.OutputRecords.status;
import static org.assertj.core.api.Assertions.assertThat;

class PipelineHealthTest {

    @Test
    void shouldSumCountsAndKeepTheLatestRatesPerSubtask() {
        PipelineHealth health = new PipelineHealth();
        health.apply(metric("records_per_second", 100_000, Map.of("subtask", "0"), 1_000));
        health.apply(metric("records_per_second", 120_000, Map.of("subtask", "0"), 2_000));
        health.apply(metric("records_per_second", 90_000, Map.of("subtask", "1"), 2_000));
        health.apply(metric("late_records", 3, Map.of("instrument_id", "7"), 2_100));
        health.apply(metric("late_records", 2, Map.of("instrument_id", "8"), 2_200));
        health.apply(metric("book_anomalies", 1, Map.of(), 2_300));
        health.apply(metric("dead_letters", 1, Map.of("topic", "md.glbx-mdp3.mbo"), 2_310));
        health.apply(metric("dead_letters", 1, Map.of("topic", "md.glbx-mdp3.definitions"), 2_320));
        health.apply(metric("signals", 2, Map.of("tier", "HIGH"), 2_400));
        health.apply(metric("signals", 1, Map.of("tier", "HIGH"), 2_500));
        health.apply(metric("watermark_lag_ms", 1_500, Map.of(), 2_600));
        health.apply(metric("checkpoint_completed", 12, Map.of("subtask", "1"), 2_700));
        health.apply(metric("checkpoint_completed", 11, Map.of("subtask", "0"), 2_650));

        PipelineHealth.JobHealth job = health.view().jobs().get(0);
        assertThat(job.job()).isEqualTo("ifd-production");
        assertThat(job.recordsPerSecond()).isEqualTo(210_000.0);
        assertThat(job.lateRecords()).isEqualTo(5);
        assertThat(job.bookAnomalies()).isEqualTo(1);
        assertThat(job.deadLetters()).isEqualTo(2);
        assertThat(job.signalsByTier()).containsExactly(Map.entry("HIGH", 3L));
        assertThat(job.watermarkLagMs()).isEqualTo(1_500.0);
        assertThat(job.lastCheckpointId()).isEqualTo(12);
        assertThat(job.lastCheckpointAtMs()).isEqualTo(2_700);
        assertThat(job.lastReportAtMs()).isEqualTo(2_700);
        assertThat(job.emitLatencyMs()).isNull();
    }

    @Test
    void shouldCountFeedGapsAndKeepTheLastEvent() {
        PipelineHealth health = new PipelineHealth();
        health.apply(status(FeedStatusKind.STREAMING, 1_000));
        health.apply(status(FeedStatusKind.GAP, 10_000));
        health.apply(status(FeedStatusKind.RECOVERED, 11_000));
        PipelineHealth.FeedHealth feed = health.view().feeds().get(0);
        assertThat(feed.gaps()).isEqualTo(1);
        assertThat(feed.lastKind()).isEqualTo("RECOVERED");
        assertThat(feed.lastGapStartMs()).isEqualTo(5_000);
        assertThat(feed.lastGapEndMs()).isEqualTo(10_000);
    }
}
