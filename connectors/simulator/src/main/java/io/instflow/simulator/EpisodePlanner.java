package io.instflow.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Places a day's episodes in equal slots of the session (so they never overlap) and picks their
 * targets near the money in one series: institutional flow in one strike or a cluster of adjacent
 * strikes of one type, straddles at one strike, strangles at an out-of-the-money call and put,
 * verticals at two adjacent strikes of one type, blocks, bursts, retail bursts and spoofing in one
 * contract. In the classic universe the series is the weekly (3 in 5) or the quarterly; in the
 * rolling one, the nearest listed weekly (4 in 10), the nearest listed daily (3 in 10) or the
 * quarterly.
 */
final class EpisodePlanner {

    private static final long MINUTE = 60_000_000_000L;

    private EpisodePlanner() {}

    static List<EpisodePlan> plan(
            SimulatorConfig config,
            List<Contract> chain,
            int dayIndex,
            long sessionStartNs,
            double future,
            SplittableRandom random) {
        List<EpisodePlan> plans = new ArrayList<>();
        int count = config.episodesPerDay();
        if (count == 0) {
            return plans;
        }
        long slot = (long) config.minutes() * MINUTE / count;
        for (int i = 0; i < count; i++) {
            String kind = config.mix().kind(dayIndex, i, count, config.seed());
            long duration = Math.min(slot - MINUTE, (4 + random.nextInt(5)) * MINUTE);
            if (kind.equals(Episode.BURST)) {
                duration = Math.min(duration, (2 + random.nextInt(2)) * MINUTE);
            } else if (!kind.equals(Episode.INSTITUTIONAL) && !kind.equals(Episode.BLOCK)) {
                duration = Math.min(duration, (3 + random.nextInt(3)) * MINUTE);
            }
            long start =
                    sessionStartNs
                            + i * slot
                            + (long) (random.nextDouble() * (slot - duration - MINUTE / 2));
            boolean buy = kind.equals(Episode.STRADDLE) || random.nextBoolean();
            List<Contract> targets =
                    targets(
                            kind,
                            chain,
                            series(config, chain, start, start + duration, random),
                            future,
                            start,
                            start + duration,
                            random);
            boolean drift =
                    Episode.DIRECTIONAL.contains(kind)
                            && random.nextDouble() < config.driftProbability();
            plans.add(new EpisodePlan(kind, buy, targets, start, start + duration, drift));
        }
        return plans;
    }

    /**
     * The options of the series an episode plays in, all listed from {@code startNs} to {@code
     * endNs}.
     */
    private static List<Contract> series(
            SimulatorConfig config,
            List<Contract> chain,
            long startNs,
            long endNs,
            SplittableRandom random) {
        if (!config.mix().listsDuringRun()) {
            String root = random.nextInt(5) < 3 ? weeklyRoot(chain) : "NQ";
            return chain.stream().filter(c -> c.isOption() && c.root().equals(root)).toList();
        }
        int pick = random.nextInt(10);
        Contract weekly = nearestListed(chain, startNs, endNs, EpisodePlanner::isWeekly);
        Contract daily = nearestListed(chain, startNs, endNs, EpisodePlanner::isDaily);
        Contract quarterly = nearestListed(chain, startNs, endNs, c -> c.root().equals("NQ"));
        Contract chosen = pick < 4 || daily == null ? weekly : pick < 7 ? daily : quarterly;
        return chain.stream()
                .filter(
                        c ->
                                c.isOption()
                                        && c.root().equals(chosen.root())
                                        && c.expiration() == chosen.expiration())
                .toList();
    }

    private static boolean isWeekly(Contract c) {
        return c.root().startsWith("QN");
    }

    private static boolean isDaily(Contract c) {
        return c.root().length() == 3 && c.root().charAt(0) == 'Q' && !isWeekly(c);
    }

    /** The option of the kind that expires first among those listed over the whole episode. */
    private static Contract nearestListed(
            List<Contract> chain,
            long startNs,
            long endNs,
            java.util.function.Predicate<Contract> kind) {
        Contract nearest = null;
        for (Contract c : chain) {
            if (c.isOption()
                    && kind.test(c)
                    && c.listedAt(startNs)
                    && c.listedAt(endNs)
                    && (nearest == null || c.expiration() < nearest.expiration())) {
                nearest = c;
            }
        }
        return nearest;
    }

    private static List<Contract> targets(
            String kind,
            List<Contract> chain,
            List<Contract> series,
            double future,
            long startNs,
            long endNs,
            SplittableRandom random) {
        char type = random.nextBoolean() ? 'C' : 'P';
        List<Contract> strikes = new ArrayList<>();
        for (Contract c : series) {
            if (c.instrumentClass() == type) {
                strikes.add(c);
            }
        }
        strikes.sort(
                (a, b) ->
                        Double.compare(
                                Math.abs(a.strikePoints() - future),
                                Math.abs(b.strikePoints() - future)));
        Contract center = strikes.get(random.nextInt(Math.min(3, strikes.size())));
        List<Contract> out = new ArrayList<>();
        if (kind.equals(Episode.STRADDLE)) {
            out.add(center);
            out.add(partner(chain, center));
        } else if (kind.equals(Episode.STRANGLE) || kind.equals(Episode.RISK_REVERSAL)) {
            out.addAll(strangle(chain, center, future, random));
        } else if (kind.equals(Episode.VERTICAL) || kind.equals(Episode.SPREAD_PRINT)) {
            strikes.sort((a, b) -> Long.compare(a.strike(), b.strike()));
            int at = Math.min(strikes.indexOf(center), strikes.size() - 2);
            out.add(strikes.get(at));
            out.add(strikes.get(at + 1));
        } else if (kind.equals(Episode.CALENDAR)) {
            out.addAll(calendar(chain, type, future, startNs, endNs));
        } else if (!kind.equals(Episode.INSTITUTIONAL)) {
            out.add(center);
        } else {
            int cluster = 1 + random.nextInt(3);
            strikes.sort((a, b) -> Long.compare(a.strike(), b.strike()));
            int at = strikes.indexOf(center);
            int from = Math.max(0, Math.min(at - cluster / 2, strikes.size() - cluster));
            out.addAll(strikes.subList(from, from + cluster));
        }
        return out;
    }

    /**
     * A strangle's legs in the series of {@code option}: the call at the first strike above the
     * future, the put one or two strikes below it (at the chain's edge, the nearest that keep the
     * put's strike below the call's).
     */
    private static List<Contract> strangle(
            List<Contract> chain, Contract option, double future, SplittableRandom random) {
        List<Long> strikes = new ArrayList<>();
        for (Contract c : chain) {
            if (c.isOption()
                    && c.root().equals(option.root())
                    && c.expiration() == option.expiration()
                    && !strikes.contains(c.strike())) {
                strikes.add(c.strike());
            }
        }
        strikes.sort(Long::compare);
        int call = 1;
        while (call < strikes.size() - 1 && strikes.get(call) / 1e9 <= future) {
            call++;
        }
        int put = Math.max(0, call - 1 - random.nextInt(2));
        return List.of(
                sameSeries(chain, option, 'C', strikes.get(call)),
                sameSeries(chain, option, 'P', strikes.get(put)));
    }

    /**
     * A calendar's legs: the weekly listed over the whole episode that expires first, and the
     * quarterly option of one type at the strike both list nearest the future.
     */
    private static List<Contract> calendar(
            List<Contract> chain, char type, double future, long startNs, long endNs) {
        Contract weekly = nearestListed(chain, startNs, endNs, EpisodePlanner::isWeekly);
        Contract best = null;
        Contract partner = null;
        for (Contract w : chain) {
            if (weekly == null
                    || !w.isOption()
                    || !w.root().equals(weekly.root())
                    || w.expiration() != weekly.expiration()
                    || w.instrumentClass() != type) {
                continue;
            }
            for (Contract q : chain) {
                if (q.isOption()
                        && q.root().equals("NQ")
                        && q.instrumentClass() == type
                        && q.strike() == w.strike()
                        && (best == null
                                || Math.abs(w.strikePoints() - future)
                                        < Math.abs(best.strikePoints() - future))) {
                    best = w;
                    partner = q;
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("no strike listed weekly and quarterly for a calendar");
        }
        return List.of(best, partner);
    }

    private static Contract sameSeries(
            List<Contract> chain, Contract option, char type, long strike) {
        for (Contract c : chain) {
            if (c.isOption()
                    && c.root().equals(option.root())
                    && c.expiration() == option.expiration()
                    && c.instrumentClass() == type
                    && c.strike() == strike) {
                return c;
            }
        }
        throw new IllegalStateException(
                "no " + type + " at " + strike + " for " + option.rawSymbol());
    }

    private static Contract partner(List<Contract> chain, Contract option) {
        for (Contract c : chain) {
            if (c.isOption()
                    && c.root().equals(option.root())
                    && c.strike() == option.strike()
                    && c.expiration() == option.expiration()
                    && c.instrumentClass() != option.instrumentClass()) {
                return c;
            }
        }
        throw new IllegalStateException("no put/call partner for " + option.rawSymbol());
    }

    private static String weeklyRoot(List<Contract> chain) {
        for (Contract c : chain) {
            if (c.isOption() && !c.root().equals("NQ")) {
                return c.root();
            }
        }
        return "NQ";
    }
}
