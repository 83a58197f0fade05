package io.instflow.reports;

import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.simulator.Episode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Signals scored against the simulator's ground truth: a signal matches a directional episode
 * (institutional, block, burst) on one of its contracts (or a strike within the coordination
 * distance, same expiration) whose window overlaps the episode, in the direction the flow implies.
 * Signals on decoys (straddles, strangles, verticals, spoofs) or on nothing are false positives.
 */
public record EpisodeScore(
        long signals, long matchedSignals, long episodes, long detectedEpisodes) {

    public static EpisodeScore of(List<Signal> signals, List<Episode> labels, double strikePoints) {
        List<Episode> institutional = labels.stream().filter(Episode::directional).toList();
        long matched =
                signals.stream()
                        .filter(
                                s ->
                                        institutional.stream()
                                                .anyMatch(e -> matches(s, e, strikePoints)))
                        .count();
        long detected =
                institutional.stream()
                        .filter(e -> signals.stream().anyMatch(s -> matches(s, e, strikePoints)))
                        .count();
        return new EpisodeScore(signals.size(), matched, institutional.size(), detected);
    }

    public static boolean matches(Signal s, Episode e, double strikePoints) {
        var m = s.getMetrics();
        boolean overlaps = m.getWindowEnd() > e.startNs() && m.getWindowStart() < e.endNs();
        boolean sameSeries = m.getExpiration() == e.expiration() && m.getRoot().equals(e.root());
        double strike = m.getStrikePrice() / 1e9;
        boolean near = e.strikes().stream().anyMatch(k -> Math.abs(k - strike) <= strikePoints);
        boolean call = e.optionType().equals("C");
        String expected = call == e.direction().equals("BUY") ? "LONG" : "SHORT";
        return overlaps && sameSeries && near && s.getDirection().name().equals(expected);
    }

    /**
     * Episodes of {@code kind} with at least one rejected candidate on their contracts, during the
     * episode, that failed one of {@code gates}: a straddle should fail market_making (or, in v3.1,
     * multi_leg:straddle), a spoof spoofing.
     */
    public static long rejectedFor(
            List<Rejection> rejections, List<Episode> labels, String kind, Set<String> gates) {
        return labels.stream()
                .filter(e -> e.kind().equals(kind))
                .filter(
                        e ->
                                rejections.stream()
                                        .anyMatch(
                                                r ->
                                                        e.instrumentIds()
                                                                        .contains(
                                                                                r.getMetrics()
                                                                                        .getInstrumentId())
                                                                && r.getMetrics().getWindowEnd()
                                                                        > e.startNs()
                                                                && r.getMetrics().getWindowStart()
                                                                        < e.endNs()
                                                                && r.getFailedGates().stream()
                                                                        .anyMatch(gates::contains)))
                .count();
    }

    /**
     * How one kind of episode fared: for a directional kind, how many were found; for a decoy, how
     * many drew a signal that matches no directional episode (a 5-minute window may also cover the
     * end of the episode before). {@code missedGates} counts, over the directional episodes missed,
     * the gates that rejected candidates on their contracts during them.
     */
    public record KindScore(
            String kind,
            boolean directional,
            long episodes,
            long found,
            long signalled,
            Map<String, Long> missedGates) {}

    /** Every kind in the labels, in name order. */
    public static List<KindScore> byKind(
            List<Signal> signals,
            List<Rejection> rejections,
            List<Episode> labels,
            double strikePoints) {
        Map<String, List<Episode>> kinds = new TreeMap<>();
        labels.forEach(e -> kinds.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e));
        List<KindScore> out = new ArrayList<>();
        for (Map.Entry<String, List<Episode>> kind : kinds.entrySet()) {
            long found = 0;
            long signalled = 0;
            Map<String, Long> gates = new TreeMap<>();
            for (Episode e : kind.getValue()) {
                boolean hit = signals.stream().anyMatch(s -> matches(s, e, strikePoints));
                boolean near =
                        signals.stream()
                                .filter(s -> near(s, e, strikePoints))
                                .anyMatch(s -> !matchesAny(s, labels, strikePoints));
                found += hit ? 1 : 0;
                signalled += near ? 1 : 0;
                if (e.directional() && !hit) {
                    rejections.stream()
                            .filter(r -> during(r, e))
                            .flatMap(r -> r.getFailedGates().stream())
                            .distinct()
                            .forEach(g -> gates.merge(g, 1L, Long::sum));
                }
            }
            out.add(
                    new KindScore(
                            kind.getKey(),
                            kind.getValue().get(0).directional(),
                            kind.getValue().size(),
                            found,
                            signalled,
                            gates));
        }
        return out;
    }

    /** Whether the signal matches a directional episode (a window can span two episodes). */
    private static boolean matchesAny(Signal s, List<Episode> labels, double strikePoints) {
        return labels.stream().anyMatch(e -> e.directional() && matches(s, e, strikePoints));
    }

    /** A signal on the episode's series and strikes during it, whatever its direction. */
    private static boolean near(Signal s, Episode e, double strikePoints) {
        var m = s.getMetrics();
        boolean overlaps = m.getWindowEnd() > e.startNs() && m.getWindowStart() < e.endNs();
        boolean sameSeries = m.getExpiration() == e.expiration() && m.getRoot().equals(e.root());
        double strike = m.getStrikePrice() / 1e9;
        return overlaps
                && sameSeries
                && e.strikes().stream().anyMatch(k -> Math.abs(k - strike) <= strikePoints);
    }

    private static boolean during(Rejection r, Episode e) {
        return e.instrumentIds().contains(r.getMetrics().getInstrumentId())
                && r.getMetrics().getWindowEnd() > e.startNs()
                && r.getMetrics().getWindowStart() < e.endNs();
    }

    public double precision() {
        return signals == 0 ? 0 : (double) matchedSignals / signals;
    }

    public double recall() {
        return episodes == 0 ? 0 : (double) detectedEpisodes / episodes;
    }
}
