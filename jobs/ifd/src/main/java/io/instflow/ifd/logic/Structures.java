package io.instflow.ifd.logic;

import io.instflow.book.Aggressor;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.WindowStats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IFD v3.1's multi-leg structures (docs/ifd-v3.1.md section 2): prints of different contracts of
 * one underlying, traded within {@code structure.match_ms} of each other in matched size, paired
 * into the structure their types, strikes and aggressor sides make. Which part of each contract's
 * volume was a leg, and of what, is what the detector reads.
 */
public final class Structures {

    public static final String STRADDLE = "straddle";
    public static final String STRANGLE = "strangle";
    public static final String VERTICAL = "vertical";
    public static final String BUTTERFLY = "butterfly";
    public static final String RISK_REVERSAL = "risk_reversal";
    public static final String SPREAD = "spread";
    public static final String CALENDAR = "calendar";

    /**
     * Structures whose legs offset each other's direction, so their legs are not directional flow;
     * in name order, which breaks ties between kinds.
     */
    public static final List<String> NON_DIRECTIONAL =
            List.of(BUTTERFLY, CALENDAR, SPREAD, STRADDLE, STRANGLE, VERTICAL);

    private static final Comparator<Leg> BY_TIME =
            Comparator.comparingLong(Leg::tsNs)
                    .thenComparingLong(Leg::instrumentId)
                    .thenComparingInt(Leg::index);

    private Structures() {}

    /** One print of one contract. */
    private record Leg(
            long instrumentId,
            boolean call,
            long strike,
            long expiration,
            long tsNs,
            long size,
            int aggressor,
            boolean inferred,
            int index) {}

    /** What a contract's volume on one aggressor side was a leg of. */
    public record Share(String kind, long volume) {}

    /** The legs found in one window period, by contract. */
    public static final class Found {

        /** instrument id to kind to {buy volume, sell volume} that were legs of that kind. */
        private final Map<Long, Map<String, long[]>> legs = new HashMap<>();

        private void add(Leg leg, String kind) {
            long[] sides =
                    legs.computeIfAbsent(leg.instrumentId, k -> new HashMap<>())
                            .computeIfAbsent(kind, k -> new long[2]);
            sides[leg.aggressor == Aggressor.BUY ? 0 : 1] += leg.size;
        }

        /**
         * The non-directional structure holding most of the contract's volume on the {@code
         * aggressor} side, or null when none does (ties go to the kind first in name order).
         */
        public Share largestNonDirectional(long instrumentId, int aggressor) {
            Map<String, long[]> kinds = legs.get(instrumentId);
            if (kinds == null) {
                return null;
            }
            Share best = null;
            for (String kind : NON_DIRECTIONAL) {
                long[] sides = kinds.get(kind);
                long volume = sides == null ? 0 : sides[aggressor == Aggressor.BUY ? 0 : 1];
                if (volume > 0 && (best == null || volume > best.volume())) {
                    best = new Share(kind, volume);
                }
            }
            return best;
        }

        /** Volume of the contract on the {@code aggressor} side that was a leg of {@code kind}. */
        public long volume(long instrumentId, String kind, int aggressor) {
            long[] sides = legs.getOrDefault(instrumentId, Map.of()).get(kind);
            return sides == null ? 0 : sides[aggressor == Aggressor.BUY ? 0 : 1];
        }
    }

    /**
     * Finds the structures among the prints of one window period's contract windows.
     *
     * @param minLegSize prints smaller than this are no legs
     * @param matchNs the longest time between the legs of one structure
     * @param sizeTolerance legs match when their sizes differ by at most this share of the larger
     */
    public static Found find(
            List<ContractWindow> period, long minLegSize, long matchNs, double sizeTolerance) {
        List<Leg> legs = new ArrayList<>();
        for (ContractWindow w : period) {
            if (!w.contract.isOption()) {
                continue;
            }
            WindowStats s = w.stats;
            for (int i = 0; i < s.printCount; i++) {
                if (s.printAggressor(i) != Aggressor.UNKNOWN && s.printSize(i) >= minLegSize) {
                    legs.add(
                            new Leg(
                                    w.contract.instrumentId,
                                    w.contract.isCall(),
                                    w.contract.strike,
                                    w.contract.expiration,
                                    s.printTsNs(i),
                                    s.printSize(i),
                                    s.printAggressor(i),
                                    s.printInferred(i),
                                    i));
                }
            }
        }
        legs.sort(BY_TIME);
        boolean[] used = new boolean[legs.size()];
        Found found = new Found();
        findSpreads(legs, used, matchNs, sizeTolerance, found);
        findButterflies(legs, used, matchNs, sizeTolerance, found);
        for (int i = 0; i < legs.size(); i++) {
            if (used[i]) {
                continue;
            }
            Leg a = legs.get(i);
            for (int j = i + 1; j < legs.size() && legs.get(j).tsNs - a.tsNs <= matchNs; j++) {
                Leg b = legs.get(j);
                String kind =
                        used[j] || !matched(a.size, b.size, sizeTolerance) ? null : pair(a, b);
                if (kind != null) {
                    used[i] = true;
                    used[j] = true;
                    found.add(a, kind);
                    found.add(b, kind);
                    break;
                }
            }
        }
        return found;
    }

    /** The two-leg structure of {@code a} and {@code b}, or null when they make none. */
    private static String pair(Leg a, Leg b) {
        if (a.instrumentId == b.instrumentId) {
            return null;
        }
        boolean sameSide = a.aggressor == b.aggressor;
        if (a.expiration != b.expiration) {
            return a.call == b.call && a.strike == b.strike && !sameSide ? CALENDAR : null;
        }
        if (a.call != b.call) {
            if (!sameSide) {
                return RISK_REVERSAL;
            }
            return a.strike == b.strike ? STRADDLE : STRANGLE;
        }
        return a.strike != b.strike && !sameSide ? VERTICAL : null;
    }

    /**
     * A spread traded as one instrument prints each leg on the outright with side N: two inferred
     * prints on different contracts, within the match time, in matched size, are its legs whatever
     * sides the quotes suggest.
     */
    private static void findSpreads(
            List<Leg> legs, boolean[] used, long matchNs, double tolerance, Found found) {
        for (int i = 0; i < legs.size(); i++) {
            Leg a = legs.get(i);
            if (used[i] || !a.inferred) {
                continue;
            }
            for (int j = i + 1; j < legs.size() && legs.get(j).tsNs - a.tsNs <= matchNs; j++) {
                Leg b = legs.get(j);
                if (!used[j]
                        && b.inferred
                        && b.instrumentId != a.instrumentId
                        && matched(a.size, b.size, tolerance)) {
                    used[i] = true;
                    used[j] = true;
                    found.add(a, SPREAD);
                    found.add(b, SPREAD);
                    break;
                }
            }
        }
    }

    /**
     * One-by-two-by-one flies of one type: a body at the middle strike on one side, wings below and
     * above it on the other, the body as large as both wings, all within the match time.
     */
    private static void findButterflies(
            List<Leg> legs, boolean[] used, long matchNs, double tolerance, Found found) {
        for (int m = 0; m < legs.size(); m++) {
            Leg body = legs.get(m);
            if (used[m]) {
                continue;
            }
            int low = -1;
            int high = -1;
            int from = m;
            while (from > 0 && body.tsNs - legs.get(from - 1).tsNs <= matchNs) {
                from--;
            }
            for (int k = from; k < legs.size() && legs.get(k).tsNs - body.tsNs <= matchNs; k++) {
                Leg wing = legs.get(k);
                if (k == m
                        || used[k]
                        || wing.expiration != body.expiration
                        || wing.call != body.call
                        || wing.aggressor == body.aggressor) {
                    continue;
                }
                if (wing.strike < body.strike && low < 0) {
                    low = k;
                } else if (wing.strike > body.strike && high < 0) {
                    high = k;
                }
            }
            if (low < 0 || high < 0) {
                continue;
            }
            Leg a = legs.get(low);
            Leg b = legs.get(high);
            if (matched(a.size, b.size, tolerance)
                    && matched(body.size, a.size + b.size, tolerance)) {
                used[m] = true;
                used[low] = true;
                used[high] = true;
                found.add(body, BUTTERFLY);
                found.add(a, BUTTERFLY);
                found.add(b, BUTTERFLY);
            }
        }
    }

    private static boolean matched(long a, long b, double tolerance) {
        return Math.abs(a - b) <= tolerance * Math.max(a, b);
    }
}
