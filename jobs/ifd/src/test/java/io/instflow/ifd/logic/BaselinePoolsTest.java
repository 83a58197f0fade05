package io.instflow.ifd.logic;

import io.instflow.book.Aggressor;
import io.instflow.ifd.model.BaselineDays;
import io.instflow.ifd.model.ContractHistory;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.WindowStats;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * v3.1's baselines: pools of similar contracts, blending by data quality, seeds from a backfill.
 */
class BaselinePoolsTest {

    private static final long WINDOW_NS = 5 * 60_000_000_000L;
    private static final long DAY_NS = 86_400_000_000_000L;
    private static final long MONDAY =
            LocalDate.of(2026, 11, 2).atTime(15, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
    private static final long PRICE_21000 = 21_000_000_000_000L;
    private static final DetectorParams V31 =
            DetectorParams.production().toBuilder().algorithm("v3.1").build();

    @Test
    void shouldPoolByTypeMoneynessAndDaysToExpiry() {
        ContractInfo atmCall = contract(1, "C", 21_000, MONDAY + 3 * DAY_NS);
        assertThat(BaselinePools.key(atmCall, MONDAY, PRICE_21000)).isEqualTo("C|m0|d2");
        assertThat(
                        BaselinePools.key(
                                contract(2, "C", 21_210, MONDAY + 3 * DAY_NS), MONDAY, PRICE_21000))
                .as("1% out of the money is two half-percent steps")
                .isEqualTo("C|m2|d2");
        assertThat(
                        BaselinePools.key(
                                contract(3, "P", 21_210, MONDAY + 3 * DAY_NS), MONDAY, PRICE_21000))
                .as("the same strike's put is in the money")
                .isEqualTo("P|m-2|d2");
        assertThat(
                        BaselinePools.key(
                                contract(4, "P", 15_000, MONDAY + 3 * DAY_NS), MONDAY, PRICE_21000))
                .as("far out of the money stops at the last step")
                .isEqualTo("P|m6|d2");
        assertThat(
                        BaselinePools.key(
                                contract(5, "C", 21_000, MONDAY + DAY_NS / 2), MONDAY, PRICE_21000))
                .as("expiring today")
                .isEqualTo("C|m0|d0");
        assertThat(
                        BaselinePools.key(
                                contract(6, "C", 21_000, MONDAY + 90 * DAY_NS),
                                MONDAY,
                                PRICE_21000))
                .isEqualTo("C|m0|d4");
        assertThat(BaselinePools.key(atmCall, MONDAY, null)).as("no price, no pool").isNull();
    }

    @Test
    void shouldGiveThePoolWhatTheContractsQualityLeaves() {
        Baseline own = new Baseline(true, 0.25, 4.0, 90);
        Baseline pool = new Baseline(true, 1.0, 0.0, 50);
        Baseline blended = Baseline.blend(own, pool);
        assertThat(blended.dataQuality()).isCloseTo(1.0, within(1e-12));
        assertThat(blended.z()).isCloseTo(0.25 * 4.0, within(1e-12));
        assertThat(blended.percentileRank()).isCloseTo(0.25 * 90 + 0.75 * 50, within(1e-12));
        assertThat(Baseline.blend(own, Baseline.NONE)).isEqualTo(own);
        assertThat(Baseline.blend(Baseline.NONE, Baseline.NONE).present()).isFalse();
    }

    @Test
    void shouldWeightTheBaselineByItsQualityInsteadOfCappingConfidence() {
        WindowStats strong = new WindowStats();
        strong.addTrade(Aggressor.BUY, 500, 100_000_000_000L, 50);
        ComponentScores c = new ComponentScores(1, 0.9, 0.9, 0.9, 0.9, 0.9);
        Decision v3 =
                Scorer.decide(
                        true, strong, c, Baseline.NONE, 0, 0, 0.5, DetectorParams.production());
        Decision v31 = Scorer.decide(true, strong, c, Baseline.NONE, 0, 0, 0.5, V31);
        double p = V31.weightPressure();
        double k = V31.weightCoordination();
        assertThat(v31.finalConfidence()).isCloseTo((p * 0.9 + k * 0.5) / (p + k), within(1e-12));
        assertThat(v3.finalConfidence())
                .as("v3.0 scores a missing baseline as 0.5 at full weight")
                .isLessThan(v31.finalConfidence());
        Baseline young = new Baseline(true, 0.1, 0.0, 50);
        Decision withYoung = Scorer.decide(true, strong, c, young, 0, 0, 0.5, V31);
        assertThat(withYoung.failedGates())
                .as("the anomaly gate waits for min_data_quality")
                .doesNotContain("min_baseline_anomaly");
        assertThat(withYoung.finalConfidence())
                .isBetween(v3.finalConfidence(), v31.finalConfidence());
    }

    @Test
    void shouldLetANewExpiryInheritThePoolOfTheContractsBeforeIt() {
        Detector detector = new Detector(V31, WINDOW_NS);
        Detector.UnderlyingPrices prices = (underlying, t) -> PRICE_21000;
        ContractInfo thisWeek = contract(1, "C", 21_000, MONDAY + 6 * DAY_NS);
        long[][] buySell = {{60, 40}, {40, 60}, {50, 50}};
        Map<Long, ContractHistory> known = new HashMap<>();
        Map<String, BaselineDays> pools = new HashMap<>();
        for (int day = 0; day < 3; day++) {
            Detector.Evaluation e =
                    detector.evaluate(
                            List.of(
                                    window(
                                            thisWeek,
                                            MONDAY + day * DAY_NS,
                                            buySell[day][0],
                                            buySell[day][1])),
                            known,
                            pools,
                            prices);
            known.putAll(e.updated());
            pools.putAll(e.updatedPools());
        }
        ContractInfo nextWeek = contract(2, "C", 21_000, MONDAY + 8 * DAY_NS);
        Detector.Evaluation listed =
                detector.evaluate(
                        List.of(window(nextWeek, MONDAY + 3 * DAY_NS, 400, 10)),
                        known,
                        pools,
                        prices);
        Baseline inherited = listed.verdicts().get(0).candidate().baseline();
        assertThat(inherited.present()).as("a pool of three prior days").isTrue();
        assertThat(inherited.dataQuality()).isCloseTo(3.0 / 20, within(1e-12));
        assertThat(inherited.z()).isPositive();
        Detector v3 = new Detector(DetectorParams.production(), WINDOW_NS);
        assertThat(
                        v3.evaluate(List.of(window(nextWeek, MONDAY + 3 * DAY_NS, 400, 10)), known)
                                .verdicts()
                                .get(0)
                                .candidate()
                                .baseline()
                                .present())
                .as("v3.0 has no pools")
                .isFalse();
    }

    @Test
    void shouldStartANewContractFromItsSeededDaysWithoutChangingTheSeed() {
        ContractInfo call = contract(1, "C", 21_000, MONDAY + 30 * DAY_NS);
        BaselineSeed.Builder builder = new BaselineSeed.Builder(5, 20);
        LocalDate day = LocalDate.of(2026, 11, 2);
        for (int n = 0; n < 20; ) {
            day = day.minusDays(1);
            if (day.getDayOfWeek().getValue() <= 5) {
                long start = day.atTime(15, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
                builder.add(call, start, start + WINDOW_NS, 0.1 * n, 50, PRICE_21000);
                n++;
            }
        }
        BaselineSeed seed = builder.build();
        long seededDays = seed.contract(call.rawSymbol).dates.length;
        Detector detector = new Detector(V31, WINDOW_NS, seed);
        Detector.Evaluation e =
                detector.evaluate(
                        List.of(window(call, MONDAY, 400, 10)),
                        Map.of(),
                        Map.of(),
                        (u, t) -> PRICE_21000);
        Baseline b = e.verdicts().get(0).candidate().baseline();
        assertThat(b.present()).isTrue();
        assertThat(b.dataQuality()).as("twenty seeded trading days").isEqualTo(1.0);
        assertThat(seed.contract(call.rawSymbol).dates).hasSize((int) seededDays);
        assertThat(e.updated().get(1L).baseline.dates).hasSize((int) seededDays + 1);
    }

    private static ContractInfo contract(long id, String type, long strikePoints, long expiration) {
        ContractInfo c = new ContractInfo();
        c.instrumentId = id;
        c.rawSymbol = "QN" + id + " " + type + strikePoints;
        c.instrumentClass = type;
        c.root = "QN" + id;
        c.underlying = "NQZ6";
        c.expiration = expiration;
        c.strike = strikePoints * 1_000_000_000L;
        c.multiplier = 20_000_000_000L;
        return c;
    }

    private static ContractWindow window(ContractInfo c, long startNs, long buy, long sell) {
        WindowStats s = new WindowStats();
        for (int i = 0; i < 20; i++) {
            s.addTrade(Aggressor.BUY, buy / 20, 100_000_000_000L, 50);
            s.addTrade(Aggressor.SELL, sell / 20, 100_000_000_000L, 50);
        }
        return new ContractWindow(c, startNs, startNs + WINDOW_NS, s);
    }
}
