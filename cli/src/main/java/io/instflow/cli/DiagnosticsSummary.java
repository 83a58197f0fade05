package io.instflow.cli;

import io.instflow.avro.GateCheck;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Rejection;
import io.instflow.ifd.logic.Gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a testing-mode run's diagnostics say, for the console and {@code diagnostics-summary.txt}:
 * the candidate windows, how many became signals, each gate's failures and near fails with its
 * threshold, and the closest misses.
 */
final class DiagnosticsSummary {

    private static final int CLOSEST = 10;

    private DiagnosticsSummary() {}

    /** The summary of every candidate (signals' diagnostic copies and rejections). */
    static List<String> lines(List<Rejection> candidates) {
        List<String> out = new ArrayList<>();
        long signals = candidates.stream().filter(Rejection::getDiagnostic).count();
        long nearMisses = candidates.stream().filter(Rejection::getNearMiss).count();
        String profile = candidates.isEmpty() ? "-" : candidates.get(0).getProfile();
        out.add(
                String.format(
                        Locale.ROOT,
                        "diagnostics of profile %s: %d candidate windows, %d signals, %d rejected, %d near misses",
                        profile,
                        candidates.size(),
                        signals,
                        candidates.size() - signals,
                        nearMisses));
        Map<String, GateFigures> gates = new TreeMap<>();
        for (Rejection r : candidates) {
            for (GateCheck g : r.getGates()) {
                gates.computeIfAbsent(g.getName(), n -> new GateFigures(g)).add(g);
            }
        }
        out.add(
                String.format(
                        Locale.ROOT,
                        "  %-26s %10s %7s %7s %12s",
                        "gate",
                        "threshold",
                        "checked",
                        "failed",
                        "near fails"));
        gates.forEach(
                (name, f) ->
                        out.add(
                                String.format(
                                        Locale.ROOT,
                                        "  %-26s %s %7s %7d %7d %12d",
                                        name,
                                        f.atMost ? "<=" : ">=",
                                        number(f.threshold),
                                        f.checked,
                                        f.failed,
                                        f.nearFails)));
        List<Rejection> closest =
                candidates.stream()
                        .filter(Rejection::getNearMiss)
                        .sorted(Comparator.comparingDouble(DiagnosticsSummary::gap))
                        .limit(CLOSEST)
                        .toList();
        if (!closest.isEmpty()) {
            out.add("  closest misses:");
            closest.forEach(r -> out.add("    " + miss(r)));
        }
        return out;
    }

    /** The largest relative distance of a failed gate from its threshold. */
    private static double gap(Rejection r) {
        return r.getGates().stream()
                .filter(g -> !g.getPassed())
                .mapToDouble(
                        g ->
                                Math.abs(g.getValue() - g.getThreshold())
                                        / Math.max(Math.abs(g.getThreshold()), 1e-12))
                .max()
                .orElse(0);
    }

    private static String miss(Rejection r) {
        PressureMetrics m = r.getMetrics();
        StringBuilder failed = new StringBuilder();
        for (GateCheck g : r.getGates()) {
            if (!g.getPassed()) {
                failed.append(failed.isEmpty() ? "" : ", ")
                        .append(g.getName())
                        .append(' ')
                        .append(number(g.getValue()))
                        .append(g.getAtMost() ? " > " : " < ")
                        .append(number(g.getThreshold()));
            }
        }
        return String.format(
                Locale.ROOT,
                "%s %s UTC %s: %s",
                m.getRawSymbol(),
                Instant.ofEpochSecond(m.getWindowStart() / 1_000_000_000L)
                        .toString()
                        .substring(0, 16)
                        .replace('T', ' '),
                r.getDirection() == null ? "" : r.getDirection().name(),
                failed);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9
                ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    private static final class GateFigures {
        final double threshold;
        final boolean atMost;
        long checked;
        long failed;
        long nearFails;

        GateFigures(GateCheck first) {
            this.threshold = first.getThreshold();
            this.atMost = first.getAtMost();
        }

        void add(GateCheck g) {
            checked++;
            if (!g.getPassed()) {
                failed++;
                Gate gate =
                        new Gate(
                                g.getName(),
                                g.getValue(),
                                g.getThreshold(),
                                g.getAtMost(),
                                g.getPassed());
                if (gate.near()) {
                    nearFails++;
                }
            }
        }
    }
}
