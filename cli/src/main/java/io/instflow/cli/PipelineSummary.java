package io.instflow.cli;

import io.instflow.avro.PressureMetrics;
import io.instflow.reports.EpisodeScore;
import io.instflow.simulator.Episode;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code run-pipeline} reports of a run: counts of every output, throughput and, for labelled
 * input, detection quality per episode kind; as {@code summary.json} and on the console.
 */
final class PipelineSummary {

    private PipelineSummary() {}

    /** The summary of a run, as written to {@code summary.json}. */
    static Map<String, Object> of(
            PipelineInput source,
            String profile,
            long mboRecords,
            PipelineOutputs outputs,
            double strikePoints,
            double jobSeconds,
            double totalSeconds,
            Path out) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("input", source.description());
        s.put("profile", profile);
        s.put("mbo_records", mboRecords);
        s.put("pressure_windows", outputs.windows().size());
        s.put("bars_1m", outputs.bars1m().size());
        s.put("bars_5m", outputs.bars5m().size());
        s.put("signals", outputs.signals().size());
        Map<String, Long> byTier = new TreeMap<>();
        outputs.signals()
                .forEach(x -> byTier.merge(x.getTier() + " " + x.getDirection(), 1L, Long::sum));
        s.put("signals_by_tier_and_direction", byTier);
        s.put(
                "degraded_signals",
                outputs.signals().stream().filter(x -> x.getMetrics().getDegraded()).count());
        s.put(
                "degraded_pressure_windows",
                outputs.windows().stream().filter(PressureMetrics::getDegraded).count());
        s.put("rejections", outputs.failed().size());
        Map<String, Long> gates = new TreeMap<>();
        outputs.failed()
                .forEach(r -> r.getFailedGates().forEach(g -> gates.merge(g, 1L, Long::sum)));
        s.put("rejections_by_gate", gates);
        s.put("job_seconds", Math.round(jobSeconds * 10) / 10.0);
        s.put("job_mbo_records_per_second", Math.round(mboRecords / jobSeconds));
        if (source.labelled()) {
            EpisodeScore score = EpisodeScore.of(outputs.signals(), source.labels(), strikePoints);
            Map<String, Object> quality = new LinkedHashMap<>();
            quality.put("directional_episodes", score.episodes());
            quality.put("detected_episodes", score.detectedEpisodes());
            quality.put("signals_matching_an_episode", score.matchedSignals());
            quality.put("precision", Math.round(score.precision() * 1000) / 1000.0);
            quality.put("recall", Math.round(score.recall() * 1000) / 1000.0);
            quality.put("straddle_episodes", count(source.labels(), Episode.STRADDLE));
            quality.put(
                    "straddles_rejected_as_market_making_or_multi_leg",
                    EpisodeScore.rejectedFor(
                            outputs.failed(),
                            source.labels(),
                            Episode.STRADDLE,
                            Set.of("market_making", "multi_leg:straddle")));
            quality.put("spoof_episodes", count(source.labels(), Episode.SPOOF));
            quality.put(
                    "spoofs_rejected_as_spoofing",
                    EpisodeScore.rejectedFor(
                            outputs.failed(), source.labels(), Episode.SPOOF, Set.of("spoofing")));
            Map<String, Object> kinds = new LinkedHashMap<>();
            for (EpisodeScore.KindScore k :
                    EpisodeScore.byKind(
                            outputs.signals(), outputs.failed(), source.labels(), strikePoints)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("directional", k.directional());
                row.put("episodes", k.episodes());
                if (k.directional()) {
                    row.put("found", k.found());
                    row.put("missed", k.episodes() - k.found());
                    row.put("gates_rejecting_missed", k.missedGates());
                } else {
                    row.put("drew_a_signal", k.signalled());
                }
                kinds.put(k.kind(), row);
            }
            quality.put("by_kind", kinds);
            s.put("detection_quality", quality);
        }
        s.put("total_seconds", Math.round(totalSeconds * 10) / 10.0);
        s.put("outputs", out.toAbsolutePath().toString());
        return s;
    }

    /** The summary as the console shows it. */
    @SuppressWarnings("unchecked")
    static void print(PrintWriter console, Map<String, Object> s) {
        console.println();
        console.println("== instflow pipeline summary ==");
        console.printf(Locale.ROOT, "input                %s%n", s.get("input"));
        console.printf(Locale.ROOT, "MBO records          %,d%n", (Long) s.get("mbo_records"));
        console.printf(
                Locale.ROOT, "pressure windows     %,d%n", (Integer) s.get("pressure_windows"));
        console.printf(
                Locale.ROOT,
                "futures bars         %,d one-minute, %,d five-minute%n",
                (Integer) s.get("bars_1m"),
                (Integer) s.get("bars_5m"));
        console.printf(
                Locale.ROOT,
                "signals              %,d  %s%n",
                (Integer) s.get("signals"),
                s.get("signals_by_tier_and_direction"));
        if ((Long) s.get("degraded_pressure_windows") > 0) {
            console.printf(
                    Locale.ROOT,
                    "degraded             %,d signals and %,d windows from the Barchart backup: delayed snapshots, "
                            + "buy/sell split estimated%n",
                    (Long) s.get("degraded_signals"),
                    (Long) s.get("degraded_pressure_windows"));
        }
        console.printf(
                Locale.ROOT,
                "rejections           %,d candidates; failed gates %s%n",
                (Integer) s.get("rejections"),
                s.get("rejections_by_gate"));
        console.printf(
                Locale.ROOT,
                "job throughput       %,d MBO records/s (%.1f s, including start-up)%n",
                (Long) s.get("job_mbo_records_per_second"),
                (Double) s.get("job_seconds"));
        Map<String, Object> q = (Map<String, Object>) s.get("detection_quality");
        if (q == null) {
            console.println("detection quality    not measured: the input has no labels.json");
        } else {
            console.printf(
                    Locale.ROOT,
                    "episodes             %d directional, %d detected; %d/%d straddles rejected as market making or multi-leg, "
                            + "%d/%d spoofs as spoofing%n",
                    q.get("directional_episodes"),
                    q.get("detected_episodes"),
                    q.get("straddles_rejected_as_market_making_or_multi_leg"),
                    q.get("straddle_episodes"),
                    q.get("spoofs_rejected_as_spoofing"),
                    q.get("spoof_episodes"));
            console.printf(
                    Locale.ROOT,
                    "precision / recall   %.2f / %.2f  (against the simulator's labels)%n",
                    q.get("precision"),
                    q.get("recall"));
            Map<String, Map<String, Object>> kinds =
                    (Map<String, Map<String, Object>>) q.get("by_kind");
            for (Map.Entry<String, Map<String, Object>> k : kinds.entrySet()) {
                Map<String, Object> row = k.getValue();
                if ((Boolean) row.get("directional")) {
                    console.printf(
                            Locale.ROOT,
                            "  %-18s %d/%d found; gates on the missed: %s%n",
                            k.getKey(),
                            row.get("found"),
                            row.get("episodes"),
                            row.get("gates_rejecting_missed"));
                } else {
                    console.printf(
                            Locale.ROOT,
                            "  %-18s %d/%d drew a signal (decoy)%n",
                            k.getKey(),
                            row.get("drew_a_signal"),
                            row.get("episodes"));
                }
            }
        }
        Map<String, Object> strategies = (Map<String, Object>) s.get("strategies");
        if (strategies != null) {
            StrategyOutputs.print(console, strategies);
        }
        console.printf(
                Locale.ROOT,
                "outputs              %s/{signals,rejections,pressure,bars-5m,strategy-orders,strategy-trades}.jsonl,"
                        + " summary.json%n",
                s.get("outputs"));
        console.printf(
                Locale.ROOT, "total time           %.1f s%n", (Double) s.get("total_seconds"));
        console.flush();
    }

    private static long count(List<Episode> labels, String kind) {
        return labels.stream().filter(e -> e.kind().equals(kind)).count();
    }
}
