package io.instflow.shadow.logic;

import java.util.ArrayList;
import java.util.List;

/**
 * Production and shadow signals of one underlying, expiration and window, paired: the same contract
 * in the same direction agrees; a signal with no same-direction counterpart on its contract is
 * production-only or shadow-only; a pair of strikes within the coordination distance (the same
 * contract included) with opposite directions is a conflict.
 */
public final class SignalPairing {

    /** What the join needs of a signal. */
    public record Side(String signalId, long instrumentId, double strikePoints, int direction) {}

    /** One row of the join: either side may be null. */
    public record Pair(String kind, Side production, Side shadow) {}

    public static final String AGREEMENT = "AGREEMENT";
    public static final String PRODUCTION_ONLY = "PRODUCTION_ONLY";
    public static final String SHADOW_ONLY = "SHADOW_ONLY";
    public static final String CONFLICT = "CONFLICT";

    private SignalPairing() {}

    public static List<Pair> pair(List<Side> production, List<Side> shadow, double strikePoints) {
        List<Pair> out = new ArrayList<>();
        for (Side p : production) {
            Side match =
                    shadow.stream()
                            .filter(
                                    s ->
                                            s.instrumentId() == p.instrumentId()
                                                    && s.direction() == p.direction())
                            .findFirst()
                            .orElse(null);
            out.add(new Pair(match == null ? PRODUCTION_ONLY : AGREEMENT, p, match));
        }
        for (Side s : shadow) {
            boolean matched =
                    production.stream()
                            .anyMatch(
                                    p ->
                                            p.instrumentId() == s.instrumentId()
                                                    && p.direction() == s.direction());
            if (!matched) {
                out.add(new Pair(SHADOW_ONLY, null, s));
            }
        }
        for (Side p : production) {
            for (Side s : shadow) {
                if (p.direction() != s.direction()
                        && Math.abs(p.strikePoints() - s.strikePoints()) <= strikePoints) {
                    out.add(new Pair(CONFLICT, p, s));
                }
            }
        }
        return out;
    }
}
