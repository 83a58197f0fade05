package io.instflow.bench;

import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.FailedCheckpointStats;
import org.apache.flink.runtime.checkpoint.SubtaskStateStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * A finished run's checkpoints as its JobManager recorded them: how many, how long from trigger to
 * the last acknowledgement, how large, and where the longest one spent its time in each task. The
 * start delay is how long after the trigger the task took the barrier up: it waits behind the
 * records in flight to the task and behind whatever step the task is in when it arrives. Alignment
 * is how long a task then waited for the barrier on its other inputs, sync the part that holds up
 * the task (write-back and the state backend's snapshot) and async the upload after it.
 */
final class CheckpointFigures {

    /** Checkpoints the JobManager keeps per run; more than any bench run takes. */
    static final int HISTORY = 10_000;

    private CheckpointFigures() {}

    /**
     * One line for the run, then one per task of its longest checkpoint, named by the task's first
     * operator.
     */
    static String of(AccessExecutionGraph graph) {
        CheckpointStatsSnapshot stats = graph.getCheckpointStatsSnapshot();
        List<AbstractCheckpointStats> completed = new ArrayList<>();
        Set<String> failures = new TreeSet<>();
        for (AbstractCheckpointStats c : stats.getHistory().getCheckpoints()) {
            if (c.getStatus() == CheckpointStatsStatus.COMPLETED) {
                completed.add(c);
            } else if (c instanceof FailedCheckpointStats failed
                    && failed.getFailureMessage() != null) {
                failures.add(failed.getFailureMessage());
            }
        }
        String failed =
                String.format(
                        Locale.ROOT,
                        "%d failed%s",
                        stats.getCounts().getNumberOfFailedCheckpoints(),
                        failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")");
        if (completed.isEmpty()) {
            return "  checkpoints: none completed, " + failed;
        }
        List<Long> durations = new ArrayList<>();
        completed.forEach(c -> durations.add(c.getEndToEndDuration()));
        Collections.sort(durations);
        AbstractCheckpointStats longest =
                Collections.max(
                        completed,
                        Comparator.comparingLong(AbstractCheckpointStats::getEndToEndDuration));
        long largestState =
                completed.stream().mapToLong(AbstractCheckpointStats::getStateSize).max().orElse(0);
        long largestUpload =
                completed.stream()
                        .mapToLong(AbstractCheckpointStats::getCheckpointedSize)
                        .max()
                        .orElse(0);
        StringBuilder out =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "  checkpoints: %d completed, %s; trigger to last"
                                        + " acknowledgement p50 %s ms, p99 %s ms, max %s ms;"
                                        + " largest state %.1f MB, largest written %.1f MB;"
                                        + " the longest (%d) by task, slowest subtask:",
                                completed.size(),
                                failed,
                                Percentile.of(durations, 0.5),
                                Percentile.of(durations, 0.99),
                                durations.get(durations.size() - 1),
                                largestState / 1e6,
                                largestUpload / 1e6,
                                longest.getCheckpointId()));
        graph.getVerticesTopologically()
                .forEach(
                        vertex -> {
                            TaskStateStats task =
                                    longest.getTaskStateStats(vertex.getJobVertexId());
                            if (task != null) {
                                out.append(System.lineSeparator())
                                        .append("    ")
                                        .append(vertex.getName().split(" -> ")[0])
                                        .append(": ")
                                        .append(slowest(task, longest.getTriggerTimestamp()));
                            }
                        });
        return out.toString();
    }

    /** The largest figure of each phase over the task's acknowledged subtasks. */
    private static String slowest(TaskStateStats task, long triggerTimestamp) {
        long endToEnd = 0;
        long startDelay = 0;
        long alignment = 0;
        long sync = 0;
        long async = 0;
        long state = 0;
        for (SubtaskStateStats s : task.getSubtaskStats()) {
            if (s == null) {
                continue;
            }
            endToEnd = Math.max(endToEnd, s.getEndToEndDuration(triggerTimestamp));
            startDelay = Math.max(startDelay, s.getCheckpointStartDelay());
            alignment = Math.max(alignment, s.getAlignmentDuration());
            sync = Math.max(sync, s.getSyncCheckpointDuration());
            async = Math.max(async, s.getAsyncCheckpointDuration());
            state += s.getStateSize();
        }
        StringJoiner phases = new StringJoiner(", ");
        phases.add("acknowledged after " + endToEnd + " ms");
        phases.add("barrier start delay " + startDelay + " ms");
        phases.add("alignment " + alignment + " ms");
        phases.add("sync " + sync + " ms");
        phases.add("async " + async + " ms");
        phases.add(String.format(Locale.ROOT, "state %.1f MB", state / 1e6));
        return phases.toString();
    }
}
