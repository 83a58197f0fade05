package io.instflow.ifd.logic;

import io.instflow.book.Aggressor;
import io.instflow.ifd.model.DailyStats;
import io.instflow.ifd.model.PressureMath;
import io.instflow.ifd.model.WindowStats;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IfdLogicTest {

    private static final long PX = 100_000_000_000L;
    private static final long TICK = 250_000_000L;

    private static final DetectorParams PRODUCTION = DetectorParams.production();

    private static WindowStats window(long buy, long sell, int trades) {
        WindowStats w = new WindowStats();
        for (int i = 0; i < trades; i++) {
            long b = buy / trades + (i < buy % trades ? 1 : 0);
            long s = sell / trades + (i < sell % trades ? 1 : 0);
            if (b > 0) {
                w.addTrade(Aggressor.BUY, b, 10_000_000_000L, 50);
            }
            if (s > 0) {
                w.addTrade(Aggressor.SELL, s, 10_000_000_000L, 50);
            }
        }
        w.trades = trades;
        return w;
    }

    @Test
    void shouldReproduceThePrototypesGoldenVector() {
        CompatScorer.Result r = CompatScorer.score(300, 100, 0.85, 0);
        assertThat(r.significance()).isCloseTo(0.44, within(1e-12));
        assertThat(r.trend()).isEqualTo(0.5);
        assertThat(r.concentration()).isCloseTo(0.5, within(1e-12));
        assertThat(r.persistence()).isEqualTo(0.5);
        assertThat(r.raw()).isCloseTo(0.476, within(1e-12));
        assertThat(r.z()).isCloseTo(3.0, within(1e-12));
        assertThat(r.baselineConfidence()).isZero();
        assertThat(r.mm()).isCloseTo(0.03, within(1e-12));
        assertThat(r.finalConfidence()).isCloseTo(0.2013, within(5e-5));
    }

    @Test
    void shouldCapTheCompatConfidenceBelowAHighTier() {
        CompatScorer.Result best = CompatScorer.score(1_000_000, 0, 1, 0);
        assertThat(best.finalConfidence()).isLessThan(0.71);
    }

    @Test
    void shouldComputeThePressureFormulas() {
        assertThat(PressureMath.logPressure(0, 0)).isZero();
        assertThat(PressureMath.logPressure(300, 100))
                .isCloseTo(Math.log(301.0 / 101), within(1e-12));
        assertThat(PressureMath.logPressure(100, 300))
                .isCloseTo(-PressureMath.logPressure(300, 100), within(1e-12));
        assertThat(PressureMath.buyShare(0, 0)).isEqualTo(0.5);
        assertThat(PressureMath.dominantSide(0.61)).isEqualTo(1);
        assertThat(PressureMath.dominantSide(0.6)).isZero();
        assertThat(PressureMath.dominantSide(0.39)).isEqualTo(-1);
        assertThat(PressureMath.pressureConfidence(10, 0.75)).isCloseTo(0.25, within(1e-12));
        assertThat(PressureMath.pressureConfidence(40, 1)).isEqualTo(1);
    }

    @Test
    void shouldScoreComponentsWithSignedTrend() {
        WindowStats w = window(600, 50, 30);
        ComponentScores rising =
                ComponentScores.of(w, new double[] {0, 0.5, w.logPressure()}, 3, PRODUCTION);
        assertThat(rising.direction()).isEqualTo(1);
        assertThat(rising.trend()).isEqualTo(1);
        assertThat(rising.concentration()).isCloseTo((600.0 / 650 - 0.5) * 2, within(1e-12));
        assertThat(rising.persistence()).isCloseTo(1.0 / 3, within(1e-12));
        ComponentScores collapsing =
                ComponentScores.of(w, new double[] {4, 3, w.logPressure()}, 3, PRODUCTION);
        assertThat(collapsing.trend()).as("a collapsing buy pressure is no buy trend").isZero();
        ComponentScores fresh =
                ComponentScores.of(w, new double[] {0, 0, w.logPressure()}, 1, PRODUCTION);
        assertThat(fresh.trend()).isEqualTo(0.5);
        assertThat(fresh.persistence()).isEqualTo(0.5);
        assertThat(fresh.raw())
                .isCloseTo(
                        0.4 * fresh.significance() + 0.3 * 0.5 + 0.2 * fresh.concentration() + 0.05,
                        within(1e-12));
        assertThat(ComponentScores.slope(new double[] {1, 2, 3})).isCloseTo(1, within(1e-12));
    }

    @Test
    void shouldUseOnlyPriorTradingDaysForTheBaseline() {
        Map<Long, DailyStats> days = new HashMap<>();
        for (long day = 100; day < 110; day++) {
            DailyStats d = new DailyStats();
            for (int i = 0; i < 20; i++) {
                d.add((i % 5 - 2) * 0.2, 100);
            }
            days.put(day, d);
        }
        DailyStats today = new DailyStats();
        for (int i = 0; i < 100; i++) {
            today.add(3.0, 1000);
        }
        days.put(110L, today);
        Baseline b = Baseline.of(days, 110, 1.0, 20, 5);
        assertThat(b.present()).isTrue();
        assertThat(b.dataQuality()).isCloseTo(0.5, within(1e-12));
        double sd = Math.sqrt(0.08);
        assertThat(b.z())
                .as("the current day's extreme windows are not in the baseline")
                .isCloseTo(1.0 / sd, within(1e-9));
        assertThat(b.percentileRank()).isGreaterThan(95);
        assertThat(Baseline.of(days, 103, 1.0, 20, 5).present())
                .as("three prior days are too few")
                .isFalse();
        assertThat(Baseline.of(days, 110, 1.0, 5, 5).dataQuality()).isEqualTo(1.0);
    }

    @Test
    void shouldKeepTheFuturesTradesStillNeededAndPriceAtTheLastOneBeforeATime() {
        long[] h = null;
        for (long t = 0; t <= 100; t += 10) {
            h = PriceHistory.append(h, t, 1000 + t, 75);
        }
        assertThat(h)
                .as("from the last trade at or before 75 (70) on, however far the trades ran ahead")
                .containsExactly(70, 1070, 80, 1080, 90, 1090, 100, 1100);
        assertThat(PriceHistory.priceAt(h, 75)).isEqualTo(1070L);
        assertThat(PriceHistory.priceAt(h, 95)).isEqualTo(1090L);
        assertThat(PriceHistory.priceAt(h, 100)).isEqualTo(1100L);
        assertThat(PriceHistory.priceAt(h, 69)).as("before the kept history").isNull();
        assertThat(PriceHistory.priceAt(null, 5)).isNull();
        assertThat(PriceHistory.append(h, 1000, 5, Long.MIN_VALUE))
                .as("nothing asked yet: everything kept")
                .hasSize(10);
        assertThat(PriceHistory.append(h, 1000, 5, 2000))
                .as("a trade at or before the asked time supersedes the older ones")
                .containsExactly(1000, 5);
    }

    @Test
    void shouldStepBackOverWeekdaysOnlyFromAnyDayOfTheWeek() {
        long start = java.time.LocalDate.of(2026, 1, 1).toEpochDay();
        for (long date = start; date < start + 21; date++) {
            for (int n = 0; n <= 60; n++) {
                java.time.LocalDate expected = java.time.LocalDate.ofEpochDay(date);
                for (int left = n; left > 0; ) {
                    expected = expected.minusDays(1);
                    if (expected.getDayOfWeek().getValue() <= 5) {
                        left--;
                    }
                }
                assertThat(java.time.LocalDate.ofEpochDay(TradingDate.minusTradingDays(date, n)))
                        .as("%d trading days before %s", n, java.time.LocalDate.ofEpochDay(date))
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldCountTheLookbackInTradingDaysSoTwentyDaysSpanFourWeeks() {
        long monday = java.time.LocalDate.of(2026, 11, 30).toEpochDay();
        assertThat(java.time.LocalDate.ofEpochDay(TradingDate.minusTradingDays(monday, 1)))
                .hasToString("2026-11-27");
        assertThat(java.time.LocalDate.ofEpochDay(TradingDate.minusTradingDays(monday, 20)))
                .hasToString("2026-11-02");
        Map<Long, DailyStats> days = new HashMap<>();
        for (long day = monday - 40; day < monday; day++) {
            java.time.DayOfWeek dow = java.time.LocalDate.ofEpochDay(day).getDayOfWeek();
            if (dow != java.time.DayOfWeek.SATURDAY
                    && dow != java.time.DayOfWeek.SUNDAY
                    && day != monday - 3) {
                DailyStats d = new DailyStats();
                d.add(0.5, 10);
                d.add(-0.5, 10);
                days.put(day, d);
            }
        }
        assertThat(Baseline.of(days, monday, 1.0, 20, 5).dataQuality())
                .as("19 of the 20 prior weekdays, Friday missing")
                .isCloseTo(0.95, within(1e-12));
    }

    @Test
    void shouldReachEveryTierAndNameEveryFailedGate() {
        DetectorParams p = PRODUCTION;
        WindowStats strong = window(900, 30, 40);
        ComponentScores c =
                ComponentScores.of(strong, new double[] {0, 1, strong.logPressure()}, 3, p);
        Baseline anomalous = new Baseline(true, 1.0, 5, 99.5);
        Decision top = Scorer.decide(true, strong, c, anomalous, 0, 0, 1.0, p);
        assertThat(top.signal()).as(top.failedGates().toString()).isTrue();
        assertThat(top.tier()).isIn("VERY_HIGH", "EXTREME");
        assertThat(top.direction()).isEqualTo("LONG");
        for (double[] t : new double[][] {{0.95, 4}, {0.85, 3}, {0.75, 2}, {0.5, 1}}) {
            Decision d = Scorer.classify(false, 1, 0.5, 0, t[0], List.of(), p);
            assertThat(d.strengthScore()).isEqualTo((int) t[1]);
            assertThat(d.direction())
                    .as("put bought: the underlying is expected down")
                    .isEqualTo("SHORT");
        }
        assertThat(Scorer.classify(false, 1, 0.5, 0, 0.95, List.of(), p).action())
                .isEqualTo("STRONG_SELL");
        assertThat(Scorer.classify(true, -1, 0.5, 0, 0.5, List.of(), p).action())
                .isEqualTo("MONITOR");
        assertThat(Scorer.classify(false, -1, 0.5, 0, 0.75, List.of(), p).action())
                .isEqualTo("BUY");

        WindowStats weak = window(40, 35, 5);
        ComponentScores wc =
                ComponentScores.of(weak, new double[] {0.5, 0.3, weak.logPressure()}, 3, p);
        Decision rejected =
                Scorer.decide(true, weak, wc, new Baseline(true, 1.0, 0.5, 50), 0.8, 0.9, 0, p);
        assertThat(rejected.failedGates())
                .containsExactly(
                        "min_pressure_ratio",
                        "min_total_volume",
                        "min_volume_concentration",
                        "min_time_persistence",
                        "min_trend_strength",
                        "min_baseline_anomaly",
                        "min_overall_confidence",
                        "market_making",
                        "spoofing");
        Gate ratio = rejected.gates().get(0);
        assertThat(ratio.name()).isEqualTo("min_pressure_ratio");
        assertThat(ratio.value()).as("(buy + 1) / (sell + 1)").isCloseTo(41.0 / 36, within(1e-9));
        assertThat(ratio.threshold()).isEqualTo(p.minPressureRatio());
        assertThat(rejected.gates())
                .filteredOn(g -> g.name().equals("market_making"))
                .singleElement()
                .satisfies(
                        g -> {
                            assertThat(g.value()).isEqualTo(0.8);
                            assertThat(g.threshold()).isEqualTo(p.mmMaxProbability());
                            assertThat(g.atMost()).isTrue();
                            assertThat(g.passed()).isFalse();
                        });
        assertThat(rejected.nearMiss()).isFalse();
    }

    @Test
    void shouldCallARejectionANearMissOnlyWhenEveryFailedGateWasClose() {
        Gate trendClose = Gate.atLeast("min_trend_strength", 0.55, 0.6);
        Gate mmClose = Gate.atMost("market_making", 0.32, 0.3);
        Gate volumeFar = Gate.atLeast("min_total_volume", 50, 100);
        Gate passed = Gate.atLeast("min_volume_concentration", 0.9, 0.4);
        assertThat(trendClose.passed()).isFalse();
        assertThat(trendClose.near()).as("0.55 is within 10 % of 0.6").isTrue();
        assertThat(mmClose.near()).as("0.32 is within 10 % of 0.3").isTrue();
        assertThat(Gate.atMost("market_making", 0.34, 0.3).near()).isFalse();
        assertThat(volumeFar.near()).isFalse();
        assertThat(Gate.nearMiss(List.of(trendClose, mmClose, passed))).isTrue();
        assertThat(Gate.nearMiss(List.of(trendClose, volumeFar, passed))).isFalse();
        assertThat(Gate.nearMiss(List.of(passed))).as("a signal is no near miss").isFalse();
        assertThat(Gate.failed(List.of(trendClose, passed, volumeFar)))
                .containsExactly("min_trend_strength", "min_total_volume");
    }

    @Test
    void shouldRejectStraddlesAndSpoofingNotOnlyPenaliseThem() {
        double straddle = MarketMaking.probability(500, 480, 0, 300, 0.2);
        assertThat(straddle).isGreaterThan(0.3);
        double oneSided = MarketMaking.probability(500, 0, Double.POSITIVE_INFINITY, 300, 1.0);
        assertThat(oneSided).isLessThanOrEqualTo(0.3);
        WindowStats w = window(200, 0, 10);
        w.addSpoof(true, 400);
        assertThat(MarketMaking.spoofRatio(w, 1)).isEqualTo(1);
        assertThat(MarketMaking.spoofRatio(w, -1)).isZero();
        WindowStats strong = window(900, 30, 40);
        ComponentScores c =
                ComponentScores.of(
                        strong, new double[] {0, 1, strong.logPressure()}, 3, PRODUCTION);
        assertThat(
                        Scorer.decide(true, strong, c, Baseline.NONE, straddle, 0, 0, PRODUCTION)
                                .failedGates())
                .contains("market_making");
    }

    @Test
    void shouldCoordinateOnlySameDirectionPeersWithinTheStrikeDistance() {
        Coordination.Peer self = new Coordination.Peer(1, 21000, 1, 0.8);
        List<Coordination.Peer> window =
                List.of(
                        self,
                        new Coordination.Peer(2, 21025, 1, 0.6),
                        new Coordination.Peer(3, 20950, 1, 0.9),
                        new Coordination.Peer(4, 21025, -1, 0.9),
                        new Coordination.Peer(5, 21100, 1, 0.9));
        assertThat(Coordination.score(self, window, 50)).isCloseTo(2.0 / 3 * 0.75, within(1e-12));
        assertThat(Coordination.score(self, List.of(self), 50)).isZero();
    }

    @Test
    void shouldRollTheTradingDateAt17Chicago() {
        long before =
                LocalDate.of(2026, 11, 2).atTime(22, 59).toEpochSecond(ZoneOffset.UTC)
                        * 1_000_000_000L;
        long after =
                LocalDate.of(2026, 11, 2).atTime(23, 1).toEpochSecond(ZoneOffset.UTC)
                        * 1_000_000_000L;
        assertThat(TradingDate.of(before)).isEqualTo(LocalDate.of(2026, 11, 2).toEpochDay());
        assertThat(TradingDate.of(after)).isEqualTo(LocalDate.of(2026, 11, 3).toEpochDay());
    }

    @Test
    void shouldGiveTheSameIdForTheSameSignal() {
        assertThat(SignalIds.of("v3", "production", 42, 1000))
                .isEqualTo(SignalIds.of("v3", "production", 42, 1000))
                .hasSize(32)
                .isNotEqualTo(SignalIds.of("v3", "testing", 42, 1000));
    }

    @Test
    void shouldMergeTheTradesOfOneMatchIntoOnePrintAndDropSmallOnes() {
        WindowStats s = new WindowStats();
        s.addPrint(1_000, Aggressor.BUY, 3, PX, 5);
        s.addPrint(1_000, Aggressor.BUY, 4, PX + TICK, 5);
        s.addPrint(2_000, Aggressor.SELL, 2, PX, 5);
        s.addPrint(3_000, Aggressor.BUY, 6, PX, 5);
        assertThat(s.printCount).as("7 lots in one match; the 2-lot print replaced").isEqualTo(2);
        assertThat(s.printSize(0)).isEqualTo(7);
        assertThat(s.printLevels(0)).as("the match took two price levels").isEqualTo(2);
        assertThat(s.printLevels(1)).isEqualTo(1);
        assertThat(s.printTsNs(1)).isEqualTo(3_000);
        assertThat(s.printAggressor(1)).isEqualTo(Aggressor.BUY);
        assertThat(s.buyOrders).as("two buy orders, whatever their size").isEqualTo(2);
        assertThat(s.sellOrders).isEqualTo(1);
        for (int i = 0; i < 2 * WindowStats.MAX_PRINTS; i++) {
            s.addPrint(10_000 + i, Aggressor.SELL, 9, PX, 5);
        }
        assertThat(s.printCount).isEqualTo(WindowStats.MAX_PRINTS);
        assertThat(s.sellOrders).as("orders are counted past the kept prints").isEqualTo(257);
        WindowStats merged = new WindowStats().merge(s);
        assertThat(merged.printCount).isEqualTo(WindowStats.MAX_PRINTS);
        assertThat(merged.printSize(0)).isEqualTo(7);
        assertThat(merged.printLevels(0)).isEqualTo(2);
        assertThat(merged.sellOrders).isEqualTo(257);
    }

    @Test
    void shouldGiveTheMeanAggressiveOrderSizePerSide() {
        WindowStats s = new WindowStats();
        for (int i = 0; i < 10; i++) {
            s.addTrade(Aggressor.BUY, 2, PX, 50);
            s.addPrint(1_000 + i, Aggressor.BUY, 2, PX, 5);
        }
        s.addTrade(Aggressor.SELL, 30, PX, 50);
        s.addPrint(5_000, Aggressor.SELL, 30, PX, 5);
        assertThat(s.meanOrderSize(Aggressor.BUY)).isEqualTo(2.0);
        assertThat(s.meanOrderSize(Aggressor.SELL)).isEqualTo(30.0);
        assertThat(new WindowStats().meanOrderSize(Aggressor.BUY)).isZero();
    }
}
