package io.instflow.dashboard.state;

import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;
import io.instflow.avro.PipelineMetric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipeline's health from {@code ifd.metrics} and the feed status topic: per job its latest
 * throughput, watermark lag and emit latency, the counts of late records, book anomalies and
 * signals per tier, and its last completed checkpoint; per feed its last event and its gaps.
 */
public final class PipelineHealth {

    /**
     * One job's figures; null where the job has not reported the metric yet. Times in ms since the
     * epoch.
     */
    public record JobHealth(
            String job,
            Double recordsPerSecond,
            Double watermarkLagMs,
            Double emitLatencyMs,
            long lateRecords,
            long bookAnomalies,
            long deadLetters,
            Map<String, Long> signalsByTier,
            Long lastCheckpointId,
            Long lastCheckpointAtMs,
            long lastReportAtMs) {}

    /** One feed's last event and gaps. Times in ms since the epoch. */
    public record FeedHealth(
            String source,
            String lastKind,
            String lastMessage,
            long lastAtMs,
            long gaps,
            Long lastGapStartMs,
            Long lastGapEndMs,
            boolean degraded) {}

    /** Everything the page's health panel shows. */
    public record View(List<JobHealth> jobs, List<FeedHealth> feeds) {}

    private final Map<String, JobFigures> jobs = new TreeMap<>();
    private final Map<String, FeedHealth> feeds = new TreeMap<>();

    public void apply(PipelineMetric m) {
        JobFigures f = jobs.computeIfAbsent(m.getJob(), JobFigures::new);
        long atMs = m.getTs() / 1_000_000L;
        f.lastReportAtMs = Math.max(f.lastReportAtMs, atMs);
        double value = m.getValue();
        switch (m.getName()) {
            case "records_per_second" ->
                    f.throughputBySubtask.put(m.getTags().getOrDefault("subtask", "0"), value);
            case "watermark_lag_ms" -> f.watermarkLagMs = value;
            case "emit_latency_ms" -> f.emitLatencyMs = value;
            case "late_records" -> f.lateRecords += (long) value;
            case "book_anomalies" -> f.bookAnomalies += (long) value;
            case "dead_letters" -> f.deadLetters += (long) value;
            case "signals" ->
                    f.signalsByTier.merge(
                            m.getTags().getOrDefault("tier", "ALL"), (long) value, Long::sum);
            case "checkpoint_completed" -> {
                if (f.lastCheckpointId == null || value > f.lastCheckpointId) {
                    f.lastCheckpointId = (long) value;
                    f.lastCheckpointAtMs = atMs;
                }
            }
            default -> {}
        }
    }

    public void apply(FeedStatus s) {
        FeedHealth previous = feeds.get(s.getSource());
        long gaps = previous == null ? 0 : previous.gaps();
        Long gapStart = previous == null ? null : previous.lastGapStartMs();
        Long gapEnd = previous == null ? null : previous.lastGapEndMs();
        if (s.getKind() == FeedStatusKind.GAP) {
            gaps++;
            gapStart = s.getGapStart() == null ? null : s.getGapStart() / 1_000_000L;
            gapEnd = s.getGapEnd() == null ? null : s.getGapEnd() / 1_000_000L;
        }
        feeds.put(
                s.getSource(),
                new FeedHealth(
                        s.getSource(),
                        s.getKind().name(),
                        s.getMessage(),
                        s.getTs() / 1_000_000L,
                        gaps,
                        gapStart,
                        gapEnd,
                        s.getDegraded()));
    }

    public View view() {
        List<JobHealth> jobViews = new ArrayList<>();
        jobs.values().forEach(f -> jobViews.add(f.view()));
        return new View(jobViews, new ArrayList<>(feeds.values()));
    }

    private static final class JobFigures {
        final String job;
        final Map<String, Double> throughputBySubtask = new TreeMap<>();
        final Map<String, Long> signalsByTier = new TreeMap<>();
        Double watermarkLagMs;
        Double emitLatencyMs;
        long lateRecords;
        long bookAnomalies;
        long deadLetters;
        Long lastCheckpointId;
        Long lastCheckpointAtMs;
        long lastReportAtMs;

        JobFigures(String job) {
            this.job = job;
        }

        JobHealth view() {
            Double throughput =
                    throughputBySubtask.isEmpty()
                            ? null
                            : throughputBySubtask.values().stream()
                                    .mapToDouble(Double::doubleValue)
                                    .sum();
            return new JobHealth(
                    job,
                    throughput,
                    watermarkLagMs,
                    emitLatencyMs,
                    lateRecords,
                    bookAnomalies,
                    deadLetters,
                    new TreeMap<>(signalsByTier),
                    lastCheckpointId,
                    lastCheckpointAtMs,
                    lastReportAtMs);
        }
    }
}
