package io.instflow.reports;

import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.simulator.Episode;

import java.util.List;

/**
 * Signals scored against the simulator's ground truth: a signal matches an institutional episode on
 * one of its contracts (or a strike within the coordination distance, same expiration) whose window
 * overlaps the episode, in the direction the flow implies. Signals on straddle or spoof episodes,
 * or on none, are false positives.
 */
public record EpisodeScore(
        long signals, long matchedSignals, long episodes, long detectedEpisodes) {

    public static EpisodeScore of(List<Signal> signals, List<Episode> labels, double strikePoints) {
        List<Episode> institutional =
                labels.stream().filter(e -> e.kind().equals(Episode.INSTITUTIONAL)).toList();
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
     * episode, that failed {@code gate}: a straddle should fail market_making, a spoof spoofing.
     */
    public static long rejectedFor(
            List<Rejection> rejections, List<Episode> labels, String kind, String gate) {
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
                                                                && r.getFailedGates()
                                                                        .contains(gate)))
                .count();
    }

    public double precision() {
        return signals == 0 ? 0 : (double) matchedSignals / signals;
    }

    public double recall() {
        return episodes == 0 ? 0 : (double) detectedEpisodes / episodes;
    }
}
