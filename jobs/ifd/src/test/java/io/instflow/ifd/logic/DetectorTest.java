package io.instflow.ifd.logic;

import io.instflow.book.Aggressor;
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

/** The detector as plain Java: windows and histories in, verdicts and updated histories out. */
class DetectorTest {

    private static final long WINDOW_NS = 5 * 60_000_000_000L;
    private static final long START =
            LocalDate.of(2026, 11, 2).atTime(15, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;

    private final Detector detector = new Detector(DetectorParams.exploratory(), WINDOW_NS);

    @Test
    void shouldJudgeAOneSidedWindowAndRememberItInTheContractsHistory() {
        ContractWindow w = window(contract(1, "C", 21_000), START, 400, 20);
        Detector.Evaluation e = detector.evaluate(List.of(w), Map.of());
        assertThat(e.observed()).containsExactly(w);
        assertThat(e.verdicts()).hasSize(1);
        Detector.Verdict v = e.verdicts().get(0);
        assertThat(v.candidate().components().direction()).isEqualTo(1);
        assertThat(v.marketMaking()).isLessThan(0.3);
        ContractHistory h = e.updated().get(1L);
        assertThat(h.lastWindowStart).isEqualTo(START);
        assertThat(h.volumes).containsExactly(420);
    }

    @Test
    void shouldNotCountAWindowTwiceWhenItIsReplayedAfterARestore() {
        ContractWindow w = window(contract(1, "C", 21_000), START, 400, 20);
        Map<Long, ContractHistory> known =
                new HashMap<>(detector.evaluate(List.of(w), Map.of()).updated());
        Detector.Evaluation replay =
                detector.evaluate(List.of(window(contract(1, "C", 21_000), START, 400, 20)), known);
        assertThat(replay.observed()).isEmpty();
        assertThat(replay.verdicts()).isEmpty();
        assertThat(replay.updated()).isEmpty();
    }

    @Test
    void shouldRejectTheCallAndPutOfOneStrikeBoughtTogetherAsMarketMaking() {
        Detector.Evaluation e =
                detector.evaluate(
                        List.of(
                                window(contract(1, "C", 21_000), START, 300, 0),
                                window(contract(2, "P", 21_000), START, 280, 0)),
                        Map.of());
        assertThat(e.verdicts())
                .hasSize(2)
                .allSatisfy(
                        v -> {
                            assertThat(v.decision().signal()).isFalse();
                            assertThat(v.decision().failedGates()).contains("market_making");
                        });
        assertThat(e.rejected()).isEqualTo(2);
        assertThat(e.signalsByTier()).isEmpty();
    }

    @Test
    void shouldSeeThePartnerOfAStrikeFromItsHistoryWhenOnlyOneSideTradesNow() {
        Detector.Evaluation earlier =
                detector.evaluate(
                        List.of(window(contract(2, "P", 21_000), START, 290, 0)), Map.of());
        Detector.Evaluation now =
                detector.evaluate(
                        List.of(window(contract(1, "C", 21_000), START + WINDOW_NS, 300, 0)),
                        earlier.updated());
        assertThat(now.verdicts().get(0).marketMaking()).isGreaterThan(0.3);
        ContractWindow farStrike = window(contract(3, "C", 22_000), START + WINDOW_NS, 300, 0);
        assertThat(
                        detector.evaluate(List.of(farStrike), earlier.updated())
                                .verdicts()
                                .get(0)
                                .marketMaking())
                .as("another strike's put is not a partner")
                .isLessThan(0.3);
    }

    @Test
    void shouldScoreWithThePrototypesFormulaInCompatMode() {
        Detector compat =
                new Detector(
                        DetectorParams.exploratory().toBuilder().algorithm("compat").build(),
                        WINDOW_NS);
        Detector.Verdict v =
                compat.evaluate(List.of(window(contract(1, "C", 21_000), START, 400, 20)), Map.of())
                        .verdicts()
                        .get(0);
        assertThat(v.candidate().baseline().present())
                .as("compat scores against its fixed distribution")
                .isTrue();
        assertThat(v.candidate().baseline().dataQuality()).isZero();
    }

    private final Detector v31 =
            new Detector(
                    DetectorParams.exploratory().toBuilder().algorithm("v3.1").build(), WINDOW_NS);

    @Test
    void shouldRejectASpreadPrintedOnItsLegsWithSideNWhateverSideTheQuotesSuggest() {
        List<ContractWindow> period =
                List.of(
                        legs(contract(1, "C", 21_100), Aggressor.SELL, true, 0, 20, 400),
                        legs(contract(2, "C", 21_200), Aggressor.SELL, true, 0, 20, 400));
        assertThat(v31.evaluate(period, Map.of()).verdicts())
                .hasSize(2)
                .allSatisfy(
                        v -> assertThat(v.decision().failedGates()).contains("multi_leg:spread"));
        List<ContractWindow> aggressive =
                List.of(
                        legs(contract(1, "C", 21_100), Aggressor.SELL, false, 0, 20, 400),
                        legs(contract(2, "C", 21_200), Aggressor.SELL, false, 0, 20, 400));
        assertThat(v31.evaluate(aggressive, Map.of()).verdicts())
                .as("the same prints with their sides are one view on two strikes")
                .allSatisfy(
                        v ->
                                assertThat(v.decision().failedGates())
                                        .noneMatch(g -> g.startsWith("multi_leg")));
    }

    @Test
    void shouldRejectACalendarAcrossTwoExpiriesOfTheUnderlying() {
        ContractInfo weekly = contract(1, "C", 21_000);
        weekly.expiration = START + 3L * 86_400_000_000_000L;
        ContractInfo quarterly = contract(2, "C", 21_000);
        List<ContractWindow> period =
                List.of(
                        legs(weekly, Aggressor.SELL, 0, 20, 400),
                        legs(quarterly, Aggressor.BUY, 200, 20, 400));
        assertThat(v31.evaluate(period, Map.of()).verdicts())
                .hasSize(2)
                .allSatisfy(
                        v -> assertThat(v.decision().failedGates()).contains("multi_leg:calendar"));
    }

    @Test
    void shouldRejectAStrangleBoughtLegByLegAsMultiLegInV31ButNotInV3() {
        List<ContractWindow> period =
                List.of(
                        legs(contract(1, "C", 21_100), Aggressor.BUY, 0, 20, 400),
                        legs(contract(2, "P", 20_900), Aggressor.BUY, 300, 20, 400));
        assertThat(v31.evaluate(period, Map.of()).verdicts())
                .hasSize(2)
                .allSatisfy(
                        v -> assertThat(v.decision().failedGates()).contains("multi_leg:strangle"));
        assertThat(detector.evaluate(period, Map.of()).verdicts())
                .as("v3 pairs only the call and put of one strike")
                .allSatisfy(v -> assertThat(v.decision().signal()).isTrue());
    }

    @Test
    void shouldRejectAVerticalAndAButterflyButScoreARiskReversalByItsDirection() {
        List<Detector.Verdict> vertical =
                v31.evaluate(
                                List.of(
                                        legs(contract(1, "C", 21_000), Aggressor.BUY, 0, 20, 400),
                                        legs(
                                                contract(2, "C", 21_100),
                                                Aggressor.SELL,
                                                150,
                                                20,
                                                400)),
                                Map.of())
                        .verdicts();
        assertThat(vertical)
                .hasSize(2)
                .allSatisfy(
                        v -> assertThat(v.decision().failedGates()).contains("multi_leg:vertical"));

        ContractWindow body = legs(contract(2, "C", 21_100), Aggressor.SELL, 100, 20, 800);
        List<Detector.Verdict> fly =
                v31.evaluate(
                                List.of(
                                        legs(contract(1, "C", 21_000), Aggressor.BUY, 0, 20, 400),
                                        body,
                                        legs(
                                                contract(3, "C", 21_200),
                                                Aggressor.BUY,
                                                200,
                                                20,
                                                400)),
                                Map.of())
                        .verdicts();
        assertThat(fly)
                .hasSize(3)
                .allSatisfy(
                        v ->
                                assertThat(v.decision().failedGates())
                                        .contains("multi_leg:butterfly"));

        List<Detector.Verdict> reversal =
                v31.evaluate(
                                List.of(
                                        legs(contract(1, "C", 21_100), Aggressor.BUY, 0, 20, 400),
                                        legs(
                                                contract(2, "P", 20_900),
                                                Aggressor.SELL,
                                                200,
                                                20,
                                                400)),
                                Map.of())
                        .verdicts();
        assertThat(reversal)
                .as("bought calls and sold puts both say LONG")
                .hasSize(2)
                .allSatisfy(
                        v -> {
                            assertThat(v.decision().signal()).isTrue();
                            assertThat(v.decision().direction()).isEqualTo("LONG");
                        });
    }

    @Test
    void shouldNotPairLegsTradedFurtherApartThanTheMatchTimeOrInUnmatchedSizes() {
        List<ContractWindow> apart =
                List.of(
                        legs(contract(1, "C", 21_100), Aggressor.BUY, 0, 20, 400),
                        legs(contract(2, "P", 20_900), Aggressor.BUY, 60_000, 20, 400));
        assertThat(v31.evaluate(apart, Map.of()).verdicts())
                .allSatisfy(v -> assertThat(v.decision().signal()).isTrue());
        List<ContractWindow> unmatched =
                List.of(
                        legs(contract(1, "C", 21_100), Aggressor.BUY, 0, 20, 400),
                        legs(contract(2, "P", 20_900), Aggressor.BUY, 100, 20, 200));
        assertThat(v31.evaluate(unmatched, Map.of()).verdicts())
                .as("put prints of 10 lots against call prints of 20")
                .allSatisfy(v -> assertThat(v.decision().signal()).isTrue());
    }

    @Test
    void shouldNotLetASmallTradeOfTheOtherTypeVetoOneSidedFlowInV31() {
        ContractWindow call = window(contract(1, "C", 21_000), START, 100, 0);
        ContractWindow puts = window(contract(2, "P", 21_000), START + WINDOW_NS, 766, 0);
        for (int i = 0; i < 50; i++) {
            puts.stats.addQuote(25, 25, 1_000_000_000L);
        }
        Map<Long, ContractHistory> v3History = detector.evaluate(List.of(call), Map.of()).updated();
        Detector.Verdict v3 = detector.evaluate(List.of(puts), v3History).verdicts().get(0);
        Map<Long, ContractHistory> v31History = v31.evaluate(List.of(call), Map.of()).updated();
        Detector.Verdict next = v31.evaluate(List.of(puts), v31History).verdicts().get(0);
        assertThat(v3.marketMaking())
                .as("v3: two-sided quoting and any nearby call trade weigh")
                .isGreaterThan(0.3);
        assertThat(v3.decision().failedGates()).contains("market_making");
        assertThat(next.marketMaking()).as("v3.1: 100 lots against 766").isLessThan(0.1);
        assertThat(next.decision().failedGates()).doesNotContain("market_making");
    }

    @Test
    void shouldLetABlockCarryPersistenceAndTrendOfItsFirstWindowInV31() {
        ContractWindow block = legs(contract(1, "C", 21_000), Aggressor.BUY, 0, 1, 200);
        block.stats.addTrade(Aggressor.BUY, 40, 100_000_000_000L, 50);
        ComponentScores v3 =
                detector.evaluate(List.of(block), Map.of())
                        .verdicts()
                        .get(0)
                        .candidate()
                        .components();
        ComponentScores withBlock =
                v31.evaluate(List.of(block), Map.of()).verdicts().get(0).candidate().components();
        assertThat(v3.persistence()).as("a first window has no history").isEqualTo(0.5);
        assertThat(withBlock.persistence()).as("200 lots in one print, block size 50").isEqualTo(1);
        assertThat(withBlock.trend()).isEqualTo(1);
        assertThat(withBlock.raw()).isGreaterThan(v3.raw());
        ContractWindow small = legs(contract(1, "C", 21_000), Aggressor.BUY, 0, 10, 240);
        assertThat(
                        v31.evaluate(List.of(small), Map.of())
                                .verdicts()
                                .get(0)
                                .candidate()
                                .components())
                .as("no print reaches the block size")
                .isEqualTo(
                        detector.evaluate(List.of(small), Map.of())
                                .verdicts()
                                .get(0)
                                .candidate()
                                .components());
    }

    @Test
    void shouldLetASweepOverSeveralLevelsCarryItsWindowButNotTheSameSizeAtOneLevelInV31() {
        ContractWindow swept = sweep(contract(1, "C", 21_000), 3, 40);
        ContractWindow atTouch = sweep(contract(1, "C", 21_000), 1, 40);
        ComponentScores sweep =
                v31.evaluate(List.of(swept), Map.of()).verdicts().get(0).candidate().components();
        ComponentScores touch =
                v31.evaluate(List.of(atTouch), Map.of()).verdicts().get(0).candidate().components();
        assertThat(touch.trend()).as("40 lots at one price: neither block nor sweep").isLessThan(1);
        assertThat(sweep.trend())
                .as("40 lots over 3 levels, twice the 20-lot sweep floor")
                .isEqualTo(1);
        assertThat(sweep.persistence()).isEqualTo(1);
        assertThat(sweep.raw()).isGreaterThan(touch.raw());
    }

    @Test
    void shouldRejectOneSidedFlowOfSmallOrdersAsRetailInV31Only() {
        ContractWindow retail = legs(contract(1, "C", 21_000), Aggressor.BUY, 0, 200, 400);
        Detector.Verdict v = v31.evaluate(List.of(retail), Map.of()).verdicts().get(0);
        assertThat(v.decision().failedGates()).as("200 orders of 2 lots").contains("retail_flow");
        assertThat(
                        detector.evaluate(List.of(retail), Map.of())
                                .verdicts()
                                .get(0)
                                .decision()
                                .failedGates())
                .doesNotContain("retail_flow");
        ContractWindow sized = legs(contract(1, "C", 21_000), Aggressor.BUY, 0, 20, 400);
        assertThat(
                        v31.evaluate(List.of(sized), Map.of())
                                .verdicts()
                                .get(0)
                                .decision()
                                .failedGates())
                .as("20 orders of 20 lots")
                .doesNotContain("retail_flow");
    }

    @Test
    void shouldKeepV3AndCompatParameterVersionsWhenV31ValuesChange() {
        DetectorParams production = DetectorParams.production();
        assertThat(
                        List.of(
                                production.version(),
                                // the testing profile as it was before it took the conservative
                                // gates
                                DetectorParams.exploratory().toBuilder()
                                        .profile("testing")
                                        .diagnostics(true)
                                        .build()
                                        .version(),
                                production.toBuilder().algorithm("compat").build().version()))
                .as("the versions signals carried before v3.1 existed")
                .containsExactly("b446867a", "aca431b5", "78c2d4bf");
        assertThat(production.toBuilder().structureMatchMs(5).build().version())
                .isEqualTo(production.version());
        DetectorParams v31Production = production.toBuilder().algorithm("v3.1").build();
        assertThat(v31Production.toBuilder().structureMatchMs(5).build().version())
                .isNotEqualTo(v31Production.version());
    }

    /**
     * A window of {@code prints} trades of one side totalling {@code volume}, the first at {@code
     * offsetMs} into the window and one a second after another.
     */
    private static ContractWindow legs(
            ContractInfo c, int aggressor, long offsetMs, int prints, long volume) {
        return legs(c, aggressor, false, offsetMs, prints, volume);
    }

    /** As above; {@code inferred}: the trades came with side N, their aggressor inferred. */
    private static ContractWindow legs(
            ContractInfo c,
            int aggressor,
            boolean inferred,
            long offsetMs,
            int prints,
            long volume) {
        WindowStats s = new WindowStats();
        for (int i = 0; i < prints; i++) {
            long size = volume / prints;
            long ts = START + (offsetMs + i * 1000L) * 1_000_000L;
            s.addTrade(aggressor, size, 100_000_000_000L, 50);
            s.addPrint(ts, aggressor, inferred, size, 100_000_000_000L, 5);
        }
        return new ContractWindow(c, START, START + WINDOW_NS, s);
    }

    /** One aggressive buy of {@code size} lots filled over {@code levels} prices, in one match. */
    private static ContractWindow sweep(ContractInfo c, int levels, long size) {
        WindowStats s = new WindowStats();
        for (int level = 0; level < levels; level++) {
            long fill = size / levels + (level < size % levels ? 1 : 0);
            long price = 100_000_000_000L + level * 250_000_000L;
            s.addTrade(Aggressor.BUY, fill, price, 50);
            s.addPrint(START + 1_000_000L, Aggressor.BUY, false, fill, price, 5);
        }
        return new ContractWindow(c, START, START + WINDOW_NS, s);
    }

    private static ContractInfo contract(long id, String type, long strikePoints) {
        ContractInfo c = new ContractInfo();
        c.instrumentId = id;
        c.rawSymbol = "NQZ6 " + type + strikePoints;
        c.instrumentClass = type;
        c.root = "NQ";
        c.underlying = "NQZ6";
        c.expiration = START + 30L * 86_400_000_000_000L;
        c.strike = strikePoints * 1_000_000_000L;
        c.multiplier = 20;
        c.tick = 250_000_000L;
        return c;
    }

    private static ContractWindow window(ContractInfo c, long startNs, long buy, long sell) {
        WindowStats s = new WindowStats();
        for (int i = 0; i < 20; i++) {
            s.addTrade(Aggressor.BUY, buy / 20 + (i < buy % 20 ? 1 : 0), 100_000_000_000L, 50);
            s.addTrade(Aggressor.SELL, sell / 20 + (i < sell % 20 ? 1 : 0), 100_000_000_000L, 50);
        }
        return new ContractWindow(c, startNs, startNs + WINDOW_NS, s);
    }
}
