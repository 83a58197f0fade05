package io.instflow.simulator;

import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The full NQ options universe and the Globex session, as CME lists and trades them. */
class FullUniverseTest {

    @TempDir Path dir;

    private SimulatorConfig full(int days) {
        return SimulatorConfig.builder(dir)
                .days(days)
                .minutes(2)
                .episodesPerDay(0)
                .universe(SimulatorConfig.Universe.FULL)
                .build();
    }

    @Test
    void shouldListEverySeriesARealDateHasWithThousandsOfInstruments() {
        List<Contract> chain = ChainBuilder.build(full(1));
        assertThat(chain).hasSizeGreaterThan(3_000);
        assertThat(chain.stream().filter(c -> !c.isOption()).map(Contract::rawSymbol))
                .containsExactly("NQZ6", "NQH7", "NQM7", "NQU7");
        Map<String, Set<LocalDate>> expiries = expiriesByRoot(chain);
        assertThat(expiries.get("NQ"))
                .as("four quarterlies and the next two serial months, November's and January's")
                .containsExactly(
                        LocalDate.of(2026, 11, 20),
                        LocalDate.of(2026, 12, 18),
                        LocalDate.of(2027, 1, 15),
                        LocalDate.of(2027, 3, 19),
                        LocalDate.of(2027, 6, 18),
                        LocalDate.of(2027, 9, 17));
        assertThat(expiries.get("QNE"))
                .as("the last business days of November, December and January")
                .containsExactly(
                        LocalDate.of(2026, 11, 30),
                        LocalDate.of(2026, 12, 31),
                        LocalDate.of(2027, 1, 29));
        assertThat(expiries.get("QN1"))
                .containsExactly(LocalDate.of(2026, 11, 6), LocalDate.of(2026, 12, 4));
        assertThat(expiries.get("QN2")).containsExactly(LocalDate.of(2026, 11, 13));
        assertThat(expiries).as("the third Friday is the monthly's").doesNotContainKey("QN3");
        assertThat(expiries.get("QN4")).containsExactly(LocalDate.of(2026, 11, 27));
        assertThat(expiries.get("Q1A")).containsExactly(LocalDate.of(2026, 11, 2));
        assertThat(expiries.get("Q2D")).containsExactly(LocalDate.of(2026, 11, 12));
        assertThat(expiries.get("Q3A"))
                .as("dailies two weeks ahead")
                .containsExactly(LocalDate.of(2026, 11, 16));
        assertThat(expiries).doesNotContainKey("Q3B");
    }

    @Test
    void shouldPutEachOptionOnTheQuarterlyFutureThatExpiresNextAfterIt() {
        Map<String, String> underlying =
                ChainBuilder.build(full(1)).stream()
                        .filter(Contract::isOption)
                        .collect(
                                Collectors.toMap(
                                        c -> c.rawSymbol().split(" ")[0],
                                        Contract::underlying,
                                        (a, b) -> a));
        assertThat(underlying)
                .containsEntry("NQZ6", "NQZ6")
                .containsEntry("NQF7", "NQH7")
                .containsEntry("NQX6", "NQZ6")
                .containsEntry("NQM7", "NQM7")
                .containsEntry("QNEX6", "NQZ6")
                .containsEntry("QNEZ6", "NQH7")
                .containsEntry("QN1Z6", "NQZ6")
                .containsEntry("Q1AX6", "NQZ6");
    }

    @Test
    void shouldSpaceStrikesBy25NearTheMoneyAnd100FarOutToARangeThatNarrowsWithTheSeriesLife() {
        List<Long> quarterly = FullUniverse.strikes(21_000, 0.15);
        assertThat(quarterly).isSorted().contains(21_000L, 21_025L, 20_975L, 22_050L, 24_100L);
        assertThat(quarterly.get(0)).isGreaterThanOrEqualTo(Math.round(21_000 * 0.85));
        assertThat(quarterly.get(quarterly.size() - 1)).isLessThanOrEqualTo(24_150L);
        for (int i = 1; i < quarterly.size(); i++) {
            long step = quarterly.get(i) - quarterly.get(i - 1);
            long distance =
                    Math.min(
                            Math.abs(quarterly.get(i - 1) - 21_000),
                            Math.abs(quarterly.get(i) - 21_000));
            assertThat(step)
                    .as("step after %d", quarterly.get(i - 1))
                    .isEqualTo(distance < 1_050 ? 25 : distance < 2_100 ? 50 : 100);
        }
        assertThat(FullUniverse.strikes(21_000, 0.03))
                .as("a daily: every 25 points within 3 %")
                .hasSize(2 * 25 + 1)
                .first()
                .isEqualTo(20_375L);
    }

    @Test
    void shouldListWeekliesAndDailiesAheadAndExpireThemDuringARun() {
        SimulatorConfig config = full(10);
        List<Contract> chain = ChainBuilder.build(config);
        long firstSession = config.sessionStartNs(LocalDate.of(2026, 11, 2));
        long lastSession = config.sessionStartNs(LocalDate.of(2026, 11, 13));
        Contract weeklyListedDuringRun = option(chain, "QN2Z6 C21000");
        assertThat(weeklyListedDuringRun.listedNs())
                .as("listed at the session five weeks before it expires, Friday 6 November")
                .isEqualTo(config.sessionStartNs(LocalDate.of(2026, 11, 6)));
        assertThat(weeklyListedDuringRun.listedAt(firstSession)).isFalse();
        assertThat(weeklyListedDuringRun.listedAt(lastSession)).isTrue();
        Contract daily = option(chain, "Q1AX6 C21000");
        assertThat(daily.listedAt(firstSession)).isTrue();
        assertThat(daily.listedAt(lastSession)).as("expired on 2 November").isFalse();
    }

    @Test
    void shouldStartGlobexAt17ChicagoTheEveningBeforeAndRunItsFull23Hours() {
        SimulatorConfig globex =
                SimulatorConfig.builder(dir).session(SimulatorConfig.Session.GLOBEX).build();
        assertThat(globex.minutes()).isEqualTo(1380);
        assertThat(globex.sessionStartNs(LocalDate.of(2026, 11, 2)))
                .as("Sunday 17:00 CST is 23:00 UTC")
                .isEqualTo(
                        LocalDate.of(2026, 11, 1).atTime(23, 0).toEpochSecond(ZoneOffset.UTC)
                                * 1_000_000_000L);
        assertThat(globex.sessionStartNs(LocalDate.of(2026, 10, 30)))
                .as("Thursday 17:00 CDT is 22:00 UTC")
                .isEqualTo(
                        LocalDate.of(2026, 10, 29).atTime(22, 0).toEpochSecond(ZoneOffset.UTC)
                                * 1_000_000_000L);
        assertThatThrownBy(
                        () ->
                                SimulatorConfig.builder(dir)
                                        .session(SimulatorConfig.Session.GLOBEX)
                                        .minutes(1381)
                                        .build())
                .hasMessageContaining("--minutes must be");
        assertThatThrownBy(() -> SimulatorConfig.Universe.parse("huge"))
                .hasMessage("unknown universe 'huge'; expected small or full");
        assertThatThrownBy(() -> SimulatorConfig.Session.parse("asia"))
                .hasMessage("unknown session 'asia'; expected rth or globex");
    }

    @Test
    void shouldBeBusiestInTheCashSessionAndQuietestOvernight() {
        long overnight = utc(2026, 11, 3, 7, 0);
        long europe = utc(2026, 11, 3, 10, 0);
        long cashOpen = utc(2026, 11, 3, 14, 31);
        long cashMidday = utc(2026, 11, 3, 18, 0);
        assertThat(GlobexActivity.at(overnight)).isLessThan(GlobexActivity.at(europe));
        assertThat(GlobexActivity.at(europe)).isLessThan(GlobexActivity.at(cashMidday));
        assertThat(GlobexActivity.at(cashMidday)).isLessThan(GlobexActivity.at(cashOpen));
        double sum = 0;
        int n = 0;
        for (long t = utc(2026, 11, 3, 14, 30); t < utc(2026, 11, 3, 21, 0); t += 60_000_000_000L) {
            sum += GlobexActivity.at(t);
            n++;
        }
        assertThat(sum / n).as("the cash session's mean").isBetween(0.95, 1.05);
    }

    @Test
    void shouldQuoteNearTheMoneyMostAndGiveTheSameBytesForTheSameSeed() throws Exception {
        SimulatorConfig config = full(1);
        MarketSimulator simulator = new MarketSimulator(config);
        SimulationResult result = simulator.run(line -> {});
        SimulationResult.Day day = result.days().get(0);
        assertThat(day.instruments()).isEqualTo(simulator.chain().size());
        assertThat(day.peakRecordsPerSecond()).isPositive().isLessThan(day.records());

        Map<Long, Contract> byId = new HashMap<>();
        simulator.chain().forEach(c -> byId.put(c.instrumentId(), c));
        long[] nearAndFar = new long[3];
        long[] optionsNearAndFar = new long[3];
        simulator.chain().stream()
                .filter(Contract::isOption)
                .forEach(c -> optionsNearAndFar[band(c)]++);
        long openingEnd = config.sessionStartNs(LocalDate.of(2026, 11, 2)) + 1_000_000_000L;
        try (DbnReader reader = DbnReader.open(day.file())) {
            reader.readAll(
                    new RecordHandler() {
                        @Override
                        public void onMbo(MboDecoder r) {
                            Contract c = byId.get(r.instrumentId());
                            if (c.isOption() && r.tsEvent() >= openingEnd) {
                                nearAndFar[band(c)]++;
                            }
                        }
                    });
        }
        double near = nearAndFar[0] / (double) optionsNearAndFar[0];
        double far = nearAndFar[1] / (double) optionsNearAndFar[1];
        assertThat(near)
                .as("records an option within 2 %% of the money, against one beyond 8 %%")
                .isGreaterThan(5 * far);

        Path again = dir.resolve("again");
        SimulationResult second =
                new MarketSimulator(
                                SimulatorConfig.builder(again)
                                        .days(1)
                                        .minutes(2)
                                        .episodesPerDay(0)
                                        .universe(SimulatorConfig.Universe.FULL)
                                        .build())
                        .run(line -> {});
        assertThat(Files.mismatch(day.file(), second.days().get(0).file())).isEqualTo(-1);
    }

    /** 0 within 2 % of the money, 1 beyond 8 % (and in between, counted nowhere). */
    private static int band(Contract c) {
        double m = Math.abs(c.strikePoints() / ChainBuilder.START_PRICE - 1);
        return m <= 0.02 ? 0 : m > 0.08 ? 1 : 2;
    }

    private static Contract option(List<Contract> chain, String symbol) {
        return chain.stream().filter(c -> c.rawSymbol().equals(symbol)).findFirst().orElseThrow();
    }

    private static Map<String, Set<LocalDate>> expiriesByRoot(List<Contract> chain) {
        Map<String, Set<LocalDate>> out = new HashMap<>();
        for (Contract c : chain) {
            if (c.isOption()) {
                out.computeIfAbsent(c.root(), k -> new TreeSet<>())
                        .add(LocalDate.of(c.maturityYear(), c.maturityMonth(), c.maturityDay()));
            }
        }
        return out;
    }

    private static long utc(int y, int m, int d, int h, int min) {
        return LocalDate.of(y, m, d).atTime(h, min).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
    }
}
