package io.instflow.simulator;

import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hard episode mix, read back from the files: multi-leg decoys trade their legs together in
 * matched size, a block opens with one large print, a burst stays short, retail trades small lots;
 * dailies trade from their listing to their expiry only; the background is busiest at the open and
 * the close and comes in clusters.
 */
class HardMixTest {

    @TempDir static Path out;

    static SimulationResult result;

    /** Prints (the T records of one aggressor in one match event): instrument, ts, side, size. */
    static final List<long[]> prints = new ArrayList<>();

    static final long SESSION_NS = 90 * 60_000_000_000L;

    /** Instrument ids of every MBO record, by day. */
    static final List<Set<Long>> tradedByDay = new ArrayList<>();

    @BeforeAll
    static void simulate() {
        result =
                new MarketSimulator(
                                SimulatorConfig.builder(out)
                                        .days(2)
                                        .minutes(90)
                                        .seed(12)
                                        .episodesPerDay(8)
                                        .mix(SimulatorConfig.Mix.HARD)
                                        .build())
                        .run(line -> {});
        for (SimulationResult.Day day : result.days()) {
            Set<Long> instruments = new java.util.HashSet<>();
            tradedByDay.add(instruments);
            try (DbnReader reader = DbnReader.open(day.file())) {
                reader.readAll(
                        new RecordHandler() {
                            @Override
                            public void onMbo(MboDecoder r) {
                                instruments.add(r.instrumentId());
                                if (r.action() != 'T') {
                                    return;
                                }
                                long[] last =
                                        prints.isEmpty() ? null : prints.get(prints.size() - 1);
                                if (last != null
                                        && last[0] == r.instrumentId()
                                        && last[1] == r.tsEvent()
                                        && last[2] == r.side()) {
                                    last[3] += r.size();
                                } else {
                                    prints.add(
                                            new long[] {
                                                r.instrumentId(), r.tsEvent(), r.side(), r.size()
                                            });
                                }
                            }
                        });
            }
        }
    }

    @Test
    void shouldPlayEveryKindOfTheMixAndLabelWhichAreDirectional() {
        Set<String> kinds =
                result.episodes().stream().map(Episode::kind).collect(Collectors.toSet());
        assertThat(kinds)
                .containsExactlyInAnyOrder(
                        Episode.INSTITUTIONAL,
                        Episode.STRANGLE,
                        Episode.BLOCK,
                        Episode.VERTICAL,
                        Episode.BURST,
                        Episode.STRADDLE,
                        Episode.RISK_REVERSAL,
                        Episode.CHURN,
                        Episode.SPREAD_PRINT,
                        Episode.CALENDAR,
                        Episode.RETAIL,
                        Episode.SPOOF);
        result.episodes()
                .forEach(
                        e ->
                                assertThat(e.directional())
                                        .as(e.kind())
                                        .isEqualTo(Episode.DIRECTIONAL.contains(e.kind())));
    }

    @Test
    void shouldTradeTheLegsOfStranglesAndVerticalsTogetherInMatchedSize() {
        int episodes = 0;
        for (Episode e : result.episodes()) {
            boolean strangle = e.kind().equals(Episode.STRANGLE);
            if (!strangle && !e.kind().equals(Episode.VERTICAL)) {
                continue;
            }
            assertThat(e.instrumentIds()).hasSize(2);
            assertThat(e.strikes()).as("two strikes").hasSize(2);
            assertThat(e.optionType()).isIn(strangle ? List.of("C+P") : List.of("C", "P"));
            List<long[]> first = during(e, e.instrumentIds().get(0));
            List<long[]> second = during(e, e.instrumentIds().get(1));
            assertThat(first).isNotEmpty();
            int paired = 0;
            for (long[] a : first) {
                boolean matched =
                        second.stream()
                                .anyMatch(
                                        b ->
                                                b[1] >= a[1]
                                                        && b[1] - a[1] <= 300_000_000L
                                                        && (b[2] == a[2]) == strangle
                                                        && Math.abs(b[3] - a[3])
                                                                <= 0.25 * Math.max(a[3], b[3]));
                if (matched) {
                    paired++;
                }
            }
            assertThat(paired).as("%s legs paired", e.kind()).isPositive();
            episodes++;
        }
        assertThat(episodes).as("strangles and verticals played").isPositive();
    }

    @Test
    void shouldOpenABlockWithOneLargePrintAndKeepABurstShort() {
        for (Episode e : result.episodes()) {
            if (e.kind().equals(Episode.BLOCK)) {
                List<long[]> own = during(e, e.instrumentIds().get(0));
                long opening = own.get(0)[3];
                long largestAfter = own.stream().skip(1).mapToLong(p -> p[3]).max().orElse(0);
                assertThat(opening).as("the block").isGreaterThanOrEqualTo(100);
                assertThat(opening).isGreaterThan(largestAfter);
            }
            if (e.kind().equals(Episode.BURST)) {
                assertThat(e.endNs() - e.startNs()).isLessThanOrEqualTo(3 * 60_000_000_000L);
            }
        }
    }

    @Test
    void shouldTradeARiskReversalsLegsOnOppositeSidesAndLabelItByItsCall() {
        int episodes = 0;
        for (Episode e : result.episodes()) {
            if (!e.kind().equals(Episode.RISK_REVERSAL)) {
                continue;
            }
            assertThat(e.optionType()).as("labelled by the call it buys or sells").isEqualTo("C");
            List<long[]> call = during(e, e.instrumentIds().get(0));
            List<long[]> put = during(e, e.instrumentIds().get(1));
            byte callSide = (byte) (e.direction().equals("BUY") ? 'B' : 'A');
            int pairs = 0;
            for (long[] c : call) {
                for (long[] p : put) {
                    if (p[1] > c[1]
                            && p[1] - c[1] <= 300_000_000L
                            && Math.abs(p[3] - c[3]) <= 0.25 * Math.max(p[3], c[3])) {
                        assertThat(c[2]).as("the call leg").isEqualTo(callSide);
                        assertThat(p[2]).as("the put leg").isNotEqualTo(callSide).isNotEqualTo('N');
                        pairs++;
                    }
                }
            }
            assertThat(pairs).as("legs traded together").isPositive();
            episodes++;
        }
        assertThat(episodes).isPositive();
    }

    @Test
    void shouldTradeACalendarsWeeklyAndQuarterlyAtOneStrikeOnOppositeSides() {
        int episodes = 0;
        for (Episode e : result.episodes()) {
            if (!e.kind().equals(Episode.CALENDAR)) {
                continue;
            }
            assertThat(e.strikes()).as("one strike").hasSize(1);
            assertThat(e.rawSymbols().get(0)).startsWith("QN");
            assertThat(e.rawSymbols().get(1)).startsWith("NQ");
            List<long[]> weekly = during(e, e.instrumentIds().get(0));
            List<long[]> quarterly = during(e, e.instrumentIds().get(1));
            assertThat(weekly).isNotEmpty();
            assertThat(quarterly).isNotEmpty();
            assertThat(weekly.get(0)[2]).isNotEqualTo(quarterly.get(0)[2]);
            episodes++;
        }
        assertThat(episodes).isPositive();
    }

    @Test
    void shouldChurnBothSidesAndPrintSpreadLegsWithSideN() {
        int churns = 0;
        int spreads = 0;
        for (Episode e : result.episodes()) {
            if (e.kind().equals(Episode.CHURN)) {
                List<long[]> own = during(e, e.instrumentIds().get(0));
                assertThat(own).anySatisfy(p -> assertThat(p[2]).isEqualTo('B'));
                assertThat(own).anySatisfy(p -> assertThat(p[2]).isEqualTo('A'));
                churns++;
            }
            if (e.kind().equals(Episode.SPREAD_PRINT)) {
                List<long[]> first = during(e, e.instrumentIds().get(0));
                List<long[]> second = during(e, e.instrumentIds().get(1));
                List<long[]> legs = first.stream().filter(p -> p[2] == 'N').toList();
                assertThat(legs).isNotEmpty();
                for (long[] leg : legs) {
                    assertThat(second)
                            .anySatisfy(
                                    p -> {
                                        assertThat(p[2]).isEqualTo('N');
                                        assertThat(p[3]).isEqualTo(leg[3]);
                                        assertThat(p[1] - leg[1]).isBetween(0L, 1_000_000L);
                                    });
                }
                spreads++;
            }
        }
        assertThat(churns).isPositive();
        assertThat(spreads).isPositive();
    }

    @Test
    void shouldTradeADailyFromTheSessionBeforeItsExpiryToItsExpiryOnly() {
        MarketSimulator simulator =
                new MarketSimulator(
                        SimulatorConfig.builder(out)
                                .days(2)
                                .minutes(90)
                                .seed(12)
                                .episodesPerDay(8)
                                .mix(SimulatorConfig.Mix.HARD)
                                .build());
        List<Contract> monday = series(simulator.chain(), "Q1AX6");
        List<Contract> tuesday = series(simulator.chain(), "Q1BX6");
        List<Contract> weekly = series(simulator.chain(), "QN1X6");
        assertThat(monday).as("Monday's daily").isNotEmpty();
        assertThat(tuesday).as("Tuesday's daily").isNotEmpty();
        assertThat(weekly).as("Friday's weekly").isNotEmpty();
        assertThat(traded(monday, 0)).as("Monday's daily on its expiry day").isPositive();
        assertThat(traded(monday, 1)).as("Monday's daily after its expiry").isZero();
        assertThat(traded(tuesday, 0)).as("Tuesday's daily, listed on Monday").isPositive();
        assertThat(traded(tuesday, 1)).isPositive();
        assertThat(traded(weekly, 1)).as("the weekly, listed the Thursday before").isPositive();
    }

    @Test
    void shouldTradeRetailBurstsInSmallLotsOneWay() {
        int episodes = 0;
        for (Episode e : result.episodes()) {
            if (!e.kind().equals(Episode.RETAIL)) {
                continue;
            }
            byte side = (byte) (e.direction().equals("BUY") ? 'B' : 'A');
            List<long[]> own =
                    during(e, e.instrumentIds().get(0)).stream().filter(p -> p[2] == side).toList();
            assertThat(own.size()).as("many orders").isGreaterThan(100);
            long large = own.stream().filter(p -> p[3] > 3).count();
            assertThat(large).as("orders of more than 3 lots").isLessThan(own.size() / 20);
            episodes++;
        }
        assertThat(episodes).isPositive();
    }

    @Test
    void shouldTradeMostAtTheOpenAndTheCloseAndInClusters() {
        long future = ChainBuilder.FIRST_INSTRUMENT_ID;
        long[] bySixth = new long[6];
        java.util.Map<Long, Long> perTenSeconds = new java.util.HashMap<>();
        for (long[] p : prints) {
            if (p[0] != future) {
                continue;
            }
            long intoSession = Math.floorMod(p[1] - sessionStart(), 86_400_000_000_000L);
            bySixth[(int) (intoSession * 6 / SESSION_NS)]++;
            perTenSeconds.merge(p[1] / 10_000_000_000L, 1L, Long::sum);
        }
        double middle = (bySixth[2] + bySixth[3]) / 2.0;
        assertThat(bySixth[0]).as("the open against midday").isGreaterThan((long) (1.5 * middle));
        assertThat(bySixth[5]).as("the close against midday").isGreaterThan((long) (1.5 * middle));
        long bins = 2 * SESSION_NS / 10_000_000_000L;
        double mean = prints.stream().filter(p -> p[0] == future).count() / (double) bins;
        double squares = 0;
        for (long n : perTenSeconds.values()) {
            squares += (n - mean) * (n - mean);
        }
        squares += (bins - perTenSeconds.size()) * mean * mean;
        double dispersion = squares / bins / mean;
        assertThat(dispersion)
                .as("variance over mean of trades per 10 s (1 for a Poisson stream)")
                .isGreaterThan(1.5);
    }

    private static long sessionStart() {
        return java.time.LocalDate.of(2026, 11, 2)
                        .atTime(14, 30)
                        .toEpochSecond(java.time.ZoneOffset.UTC)
                * 1_000_000_000L;
    }

    private static List<Contract> series(List<Contract> chain, String prefix) {
        return chain.stream().filter(c -> c.rawSymbol().startsWith(prefix + " ")).toList();
    }

    /** MBO records of {@code contracts}' instruments on the run's {@code day}-th day. */
    private static long traded(List<Contract> contracts, int day) {
        return contracts.stream()
                .filter(c -> tradedByDay.get(day).contains(c.instrumentId()))
                .count();
    }

    private static List<long[]> during(Episode e, long instrumentId) {
        return prints.stream()
                .filter(p -> p[0] == instrumentId && p[1] >= e.startNs() && p[1] <= e.endNs())
                .toList();
    }
}
