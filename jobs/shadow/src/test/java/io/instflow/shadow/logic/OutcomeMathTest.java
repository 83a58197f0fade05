package io.instflow.shadow.logic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OutcomeMathTest {

    private static final OutcomeParams P = OutcomeParams.defaults();
    private static final long PX = 21_000_000_000_000L;

    private static long points(double p) {
        return PX + Math.round(p * 1e9);
    }

    @Test
    void shouldCallAMoveBeyondTwoTicksInTheSignalsDirectionAHit() {
        Outcome up = Outcome.of(15, +1, 1.0, PX, points(10), P);
        assertThat(up.result()).isEqualTo(Outcome.HIT);
        assertThat(up.signedMovePoints()).isCloseTo(10, within(1e-9));
        assertThat(up.pnlUsd()).as("10 points x 20 USD - 2.50").isCloseTo(197.5, within(1e-9));

        Outcome shortIntoRally = Outcome.of(15, -1, 2.0, PX, points(10), P);
        assertThat(shortIntoRally.result()).isEqualTo(Outcome.MISS);
        assertThat(shortIntoRally.pnlUsd())
                .as("2 contracts: 2 x (-200 - 2.50)")
                .isCloseTo(-405, within(1e-9));
    }

    @Test
    void shouldCallMovesWithinTwoTicksFlatAndStillChargeCosts() {
        assertThat(Outcome.of(5, +1, 1.0, PX, points(0.5), P).result())
                .as("exactly two ticks is not beyond")
                .isEqualTo(Outcome.FLAT);
        assertThat(Outcome.of(5, +1, 1.0, PX, points(-0.5), P).result()).isEqualTo(Outcome.FLAT);
        assertThat(Outcome.of(5, +1, 1.0, PX, points(0.75), P).result()).isEqualTo(Outcome.HIT);
        assertThat(Outcome.of(5, -1, 1.5, PX, PX, P).pnlUsd()).isCloseTo(-3.75, within(1e-9));
    }

    @Test
    void shouldTrackHitRateSharpeAndMaxDrawdown() {
        RunningStats stats = new RunningStats();
        for (double move : List.of(10.0, -5.0, -5.0, 20.0, 0.0)) {
            stats.add(Outcome.of(15, +1, 1.0, PX, points(move), P));
        }
        assertThat(stats.signals).isEqualTo(5);
        assertThat(stats.hitRate()).isCloseTo(0.4, within(1e-12));
        assertThat(stats.misses).isEqualTo(2);
        double[] pnl = {197.5, -102.5, -102.5, 397.5, -2.5};
        double mean = (197.5 - 102.5 - 102.5 + 397.5 - 2.5) / 5;
        double ss = 0;
        for (double x : pnl) {
            ss += (x - mean) * (x - mean);
        }
        assertThat(stats.sharpe()).isCloseTo(mean / Math.sqrt(ss / 4), within(1e-9));
        assertThat(stats.maxDrawdown).as("peak 197.5, trough -7.5").isCloseTo(205, within(1e-9));
        assertThat(stats.cumulativePnl).isCloseTo(387.5, within(1e-9));
    }

    @Test
    void shouldHaveNoSharpeWithoutSpread() {
        RunningStats one = new RunningStats();
        one.add(Outcome.of(15, +1, 1.0, PX, points(4), P));
        assertThat(one.sharpe()).isNull();
    }

    @Test
    void shouldPriceAtTheLastBarCloseAndNotAcrossTheSessionEnd() {
        PriceSeries s = new PriceSeries();
        long minute = 60_000_000_000L;
        s.addBar(10 * minute, points(1));
        s.addBar(11 * minute, points(2));
        assertThat(s.priceAt(11 * minute, 5 * minute)).isEqualTo(points(2));
        assertThat(s.priceAt(11 * minute - 1, 5 * minute))
                .as("the bar ending at 11 is not known before 11")
                .isEqualTo(points(1));
        assertThat(s.priceAt(16 * minute, 5 * minute)).isEqualTo(points(2));
        assertThat(s.priceAt(16 * minute + 1, 5 * minute)).as("stale: the session ended").isNull();
        assertThat(s.priceAt(9 * minute, 5 * minute)).isNull();
    }

    @Test
    void shouldPairAgreementsOneSidedSignalsAndConflicts() {
        var prodCall = new SignalPairing.Side("p1", 1, 21000, +1);
        var prodPut = new SignalPairing.Side("p2", 2, 20900, -1);
        var shadowCall = new SignalPairing.Side("s1", 1, 21000, +1);
        var shadowNear = new SignalPairing.Side("s2", 3, 21050, -1);
        var shadowFar = new SignalPairing.Side("s3", 4, 21300, +1);

        List<SignalPairing.Pair> pairs =
                SignalPairing.pair(
                        List.of(prodCall, prodPut), List.of(shadowCall, shadowNear, shadowFar), 50);

        assertThat(pairs)
                .extracting(SignalPairing.Pair::kind)
                .containsExactly(
                        SignalPairing.AGREEMENT,
                        SignalPairing.PRODUCTION_ONLY,
                        SignalPairing.SHADOW_ONLY,
                        SignalPairing.SHADOW_ONLY,
                        SignalPairing.CONFLICT);
        SignalPairing.Pair conflict = pairs.get(4);
        assertThat(conflict.production()).isEqualTo(prodCall);
        assertThat(conflict.shadow())
                .as("50 points away, opposite direction")
                .isEqualTo(shadowNear);
    }
}
