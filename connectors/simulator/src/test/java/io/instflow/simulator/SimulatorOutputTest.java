package io.instflow.simulator;

import io.instflow.book.Aggressor;
import io.instflow.book.MarketBooks;
import io.instflow.book.OrderBook;
import io.instflow.dbn.DbnConstants;
import io.instflow.dbn.Metadata;
import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.SType;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.InstrumentDefDecoder;
import io.instflow.dbn.record.MboDecoder;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulator's output read back through the codec and the order book: it decodes, rebuilds into
 * uncrossed books without anomalies, and its statistics are those of a plausible NQ session.
 */
class SimulatorOutputTest {

    @TempDir static Path out;

    static SimulationResult result;
    static Map<Long, Contract> contracts = new HashMap<>();

    @BeforeAll
    static void simulate() {
        SimulatorConfig config =
                SimulatorConfig.builder(out).days(2).minutes(40).seed(11).episodesPerDay(4).build();
        MarketSimulator simulator = new MarketSimulator(config);
        simulator.chain().forEach(c -> contracts.put(c.instrumentId(), c));
        result = simulator.run(line -> {});
    }

    /** Replays one day into books and collects per-record statistics. */
    static final class DayStats implements RecordHandler {
        final MarketBooks books =
                new MarketBooks(id -> contracts.get(id).isOption() ? 0 : DefinitionWriter.NQ_TICK);
        final Map<Long, long[]> volumeByInstrument = new HashMap<>();
        final List<long[]> trades = new ArrayList<>();
        long records;
        long tradeRecords;
        long futureObservations;
        long futureOneTick;
        long optionObservations;
        long optionOutsideBounds;
        long lastTsRecv;
        long lastSequence;
        boolean monotone = true;
        double futureMid = Double.NaN;

        @Override
        public void onMbo(MboDecoder r) {
            records++;
            monotone &=
                    Long.compareUnsigned(r.tsRecv(), lastTsRecv) >= 0
                            && r.sequence() >= lastSequence;
            monotone &= Long.compareUnsigned(r.tsEvent(), r.tsRecv()) <= 0;
            lastTsRecv = r.tsRecv();
            lastSequence = r.sequence();
            int result = books.apply(r);
            OrderBook book = books.lastBook();
            Contract c = contracts.get(r.instrumentId());
            if ((result & OrderBook.TRADE) != 0) {
                tradeRecords++;
                trades.add(
                        new long[] {
                            r.instrumentId(), r.tsRecv(), book.lastTradeAggressor(), r.size()
                        });
            }
            if ((result & OrderBook.OBSERVABLE) == 0 || !book.hasBid() || !book.hasAsk()) {
                return;
            }
            if (!c.isOption()) {
                if (c.index() == 0) {
                    futureMid = (book.bidPrice() + book.askPrice()) / 2e9;
                }
                futureObservations++;
                futureOneTick +=
                        book.askPrice() - book.bidPrice() == DefinitionWriter.NQ_TICK ? 1 : 0;
            } else if (!Double.isNaN(futureMid)) {
                optionObservations++;
                double mid = (book.bidPrice() + book.askPrice()) / 2e9;
                double years = (c.expiration() - r.tsRecv()) / 1e9 / OptionPricer.YEAR_SECONDS;
                double tolerance =
                        3 * OptionPricer.tick(mid) + (book.askPrice() - book.bidPrice()) / 2e9;
                double lower =
                        OptionPricer.lowerBound(c.isCall(), futureMid, c.strikePoints(), years);
                double upper =
                        OptionPricer.upperBound(c.isCall(), futureMid, c.strikePoints(), years);
                if (mid < lower - tolerance || mid > upper + tolerance) {
                    optionOutsideBounds++;
                }
            }
        }
    }

    static DayStats replay(Path file) {
        DayStats stats = new DayStats();
        try (DbnReader reader = DbnReader.open(file)) {
            reader.readAll(stats);
        }
        return stats;
    }

    @Test
    void shouldWriteOneDecodableMboFilePerDayWithItsMetadata() {
        assertThat(result.days()).hasSize(2);
        for (SimulationResult.Day day : result.days()) {
            try (DbnReader reader = DbnReader.open(day.file())) {
                Metadata m = reader.metadata();
                assertThat(m.version()).isEqualTo(3);
                assertThat(m.dataset()).isEqualTo("GLBX.MDP3");
                assertThat(m.schemaName()).isEqualTo("mbo");
                assertThat(m.stypeIn()).isEqualTo(SType.PARENT.id());
                assertThat(m.symbols()).contains("NQ.FUT", "NQ.OPT");
                assertThat(m.mappings()).hasSize(contracts.size());
                assertThat(m.end() - m.start()).isEqualTo(40 * 60_000_000_000L);
            }
            DayStats stats = replay(day.file());
            assertThat(stats.records).isEqualTo(day.records());
            assertThat(stats.monotone)
                    .as("ts_recv and sequence never decrease, ts_event <= ts_recv")
                    .isTrue();
        }
    }

    @Test
    void shouldRebuildIntoUncrossedBooksWithoutAnomalies() {
        for (SimulationResult.Day day : result.days()) {
            DayStats stats = replay(day.file());
            assertThat(stats.books.size()).isEqualTo(contracts.size());
            assertThat(stats.books.totalAnomalies().total())
                    .as(stats.books.totalAnomalies().toString())
                    .isZero();
            assertThat(stats.books.totalAnomalies().crossedBeforeOpen()).isZero();
            for (OrderBook book : stats.books.books()) {
                assertThat(book.hasBid() || book.hasAsk()).isTrue();
            }
        }
    }

    @Test
    void shouldHavePlausibleStatistics() {
        for (SimulationResult.Day day : result.days()) {
            DayStats stats = replay(day.file());
            assertThat(stats.records)
                    .as("records per 40-minute day")
                    .isBetween(150_000L, 1_500_000L);
            double tradeShare = (double) stats.tradeRecords / stats.records;
            assertThat(tradeShare).as("share of T records").isBetween(0.003, 0.10);
            assertThat((double) stats.futureOneTick / stats.futureObservations)
                    .as("futures one tick wide")
                    .isGreaterThan(0.95);
            assertThat(stats.optionObservations).isGreaterThan(10_000);
            assertThat(stats.optionOutsideBounds)
                    .as("option quotes outside no-arbitrage bounds")
                    .isZero();
            long buys = stats.trades.stream().filter(t -> t[2] == Aggressor.BUY).count();
            long sells = stats.trades.stream().filter(t -> t[2] == Aggressor.SELL).count();
            assertThat(buys + sells).isEqualTo(stats.trades.size());
            assertThat((double) buys / (buys + sells))
                    .as("background flow trades both sides")
                    .isBetween(0.35, 0.65);
        }
    }

    @Test
    void shouldMakeInstitutionalEpisodesStandOutFromBackgroundFlow() {
        List<Episode> institutional =
                result.episodes().stream()
                        .filter(e -> e.kind().equals(Episode.INSTITUTIONAL))
                        .toList();
        assertThat(institutional).hasSizeGreaterThanOrEqualTo(2);
        for (Episode e : institutional) {
            DayStats stats = replay(dayFile(e));
            int side = e.direction().equals("BUY") ? Aggressor.BUY : Aggressor.SELL;
            long duration = e.endNs() - e.startNs();
            long inEpisode = volume(stats, e.instrumentIds(), e.startNs(), e.endNs() + 1, side);
            long otherSideInEpisode =
                    volume(stats, e.instrumentIds(), e.startNs(), e.endNs() + 1, 3 - side);
            long background =
                    outsideEpisodes(stats, e.instrumentIds(), e.day())
                            * duration
                            / (40 * 60_000_000_000L - duration);
            assertThat(inEpisode)
                    .as("episode volume, background trades included")
                    .isGreaterThanOrEqualTo(e.volume());
            assertThat(inEpisode)
                    .as("%s volume vs background in the same time", e.rawSymbols())
                    .isGreaterThan(5 * Math.max(background, 10));
            assertThat(inEpisode).isGreaterThan(5 * otherSideInEpisode);
        }
    }

    @Test
    void shouldBuyCallsAndPutsAlikeInStraddles() {
        for (Episode e : result.episodes()) {
            if (!e.kind().equals(Episode.STRADDLE)) {
                continue;
            }
            DayStats stats = replay(dayFile(e));
            long calls =
                    volume(
                            stats,
                            List.of(e.instrumentIds().get(0)),
                            e.startNs(),
                            e.endNs() + 10_000_000,
                            Aggressor.BUY);
            long puts =
                    volume(
                            stats,
                            List.of(e.instrumentIds().get(1)),
                            e.startNs(),
                            e.endNs() + 10_000_000,
                            Aggressor.BUY);
            assertThat(calls).isPositive();
            assertThat(2.0 * Math.min(calls, puts) / (calls + puts))
                    .as("call/put balance")
                    .isGreaterThan(0.7);
            assertThat(e.strikes()).hasSize(1);
        }
    }

    @Test
    void shouldAddAndCancelLargeSpoofOrdersWithoutFills() throws IOException {
        for (Episode e : result.episodes()) {
            if (!e.kind().equals(Episode.SPOOF)) {
                continue;
            }
            long id = e.instrumentIds().get(0);
            Map<Long, Long> addedAt = new HashMap<>();
            long[] spoofs = new long[2];
            try (DbnReader reader = DbnReader.open(dayFile(e))) {
                reader.readAll(
                        new RecordHandler() {
                            @Override
                            public void onMbo(MboDecoder r) {
                                if (r.instrumentId() != id
                                        || r.tsRecv() < e.startNs()
                                        || r.tsRecv() > e.endNs() + 2_000_000_000L) {
                                    return;
                                }
                                if (r.action() == 'A' && r.size() >= 50) {
                                    addedAt.put(r.orderId(), r.tsRecv());
                                } else if (r.action() == 'C' && addedAt.containsKey(r.orderId())) {
                                    spoofs[0]++;
                                    assertThat(r.tsRecv() - addedAt.get(r.orderId()))
                                            .isLessThan(1_000_000_000L);
                                } else if (r.action() == 'F' && addedAt.containsKey(r.orderId())) {
                                    spoofs[1]++;
                                }
                            }
                        });
            }
            assertThat(spoofs[0])
                    .as("spoof orders cancelled within a second")
                    .isGreaterThanOrEqualTo(5);
            assertThat(spoofs[1]).as("spoof orders filled").isZero();
        }
    }

    @Test
    void shouldDefineEveryInstrumentAsCmeDoes() {
        List<String> seen = new ArrayList<>();
        try (DbnReader reader = DbnReader.open(result.definitions())) {
            assertThat(reader.metadata().schemaName()).isEqualTo("definition");
            reader.readAll(
                    new RecordHandler() {
                        @Override
                        public void onInstrumentDef(InstrumentDefDecoder d) {
                            Contract c = contracts.get(d.instrumentId());
                            seen.add(d.rawSymbol());
                            assertThat(d.rawSymbol()).isEqualTo(c.rawSymbol());
                            assertThat((char) d.instrumentClass()).isEqualTo(c.instrumentClass());
                            assertThat(d.unitOfMeasureQty()).isEqualTo(20_000_000_000L);
                            assertThat(d.expiration()).isEqualTo(c.expiration());
                            if (c.isOption()) {
                                assertThat(d.strikePrice()).isEqualTo(c.strike());
                                assertThat(d.underlying()).isEqualTo("NQZ6");
                                assertThat(d.minPriceIncrement())
                                        .isEqualTo(DbnConstants.UNDEF_PRICE);
                                assertThat(d.securityType()).isEqualTo("OOF");
                                assertThat(d.rawSymbol())
                                        .matches("(NQ|QN[1-4])[FGHJKMNQUVXZ]\\d [CP]\\d+");
                            } else {
                                assertThat(d.minPriceIncrement()).isEqualTo(250_000_000L);
                                assertThat(d.rawSymbol()).isEqualTo("NQZ6");
                            }
                        }
                    });
        }
        assertThat(seen).hasSize(contracts.size()).contains("NQZ6", "NQZ6 C21000", "NQZ6 P20700");
        assertThat(seen.stream().filter(s -> s.startsWith("QN")).count()).isEqualTo(42);
    }

    @Test
    void shouldWriteTheSameBytesForTheSameSeed(@TempDir Path again, @TempDir Path other)
            throws IOException {
        SimulatorConfig.Builder config =
                SimulatorConfig.builder(again).days(1).minutes(20).seed(11).episodesPerDay(2);
        SimulationResult first = new MarketSimulator(config.build()).run(line -> {});
        SimulationResult second =
                new MarketSimulator(
                                SimulatorConfig.builder(other)
                                        .days(1)
                                        .minutes(20)
                                        .seed(11)
                                        .episodesPerDay(2)
                                        .build())
                        .run(line -> {});
        for (String name :
                new String[] {"definitions.dbn.zst", "labels.json", "mbo-20261102.dbn.zst"}) {
            assertThat(Files.readAllBytes(again.resolve(name)))
                    .as(name)
                    .isEqualTo(Files.readAllBytes(other.resolve(name)));
        }
        Path third = other.resolve("seed12");
        new MarketSimulator(
                        SimulatorConfig.builder(third)
                                .days(1)
                                .minutes(20)
                                .seed(12)
                                .episodesPerDay(2)
                                .build())
                .run(line -> {});
        assertThat(Files.readAllBytes(third.resolve("mbo-20261102.dbn.zst")))
                .isNotEqualTo(Files.readAllBytes(other.resolve("mbo-20261102.dbn.zst")));
        assertThat(first.records()).isEqualTo(second.records());
    }

    @Test
    void shouldRejectOptionsThatMakeNoSense() {
        assertThatThrownBy(() -> SimulatorConfig.builder(out).days(0).build())
                .hasMessageContaining("--days");
        assertThatThrownBy(() -> SimulatorConfig.builder(out).futures(3).build())
                .hasMessageContaining("--futures");
        assertThatThrownBy(() -> SimulatorConfig.builder(out).minutes(10).build())
                .hasMessageContaining("--minutes must be at least 20");
        assertThatThrownBy(() -> SimulatorConfig.Profile.parse("wild"))
                .hasMessageContaining("quiet, normal or busy");
    }

    private static Path dayFile(Episode e) {
        return out.resolve("mbo-" + e.day().replace("-", "") + ".dbn.zst");
    }

    private static long volume(DayStats stats, List<Long> ids, long from, long to, int side) {
        return stats.trades.stream()
                .filter(t -> ids.contains(t[0]) && t[1] >= from && t[1] < to && t[2] == side)
                .mapToLong(t -> t[3])
                .sum();
    }

    private static long outsideEpisodes(DayStats stats, List<Long> ids, String day) {
        List<Episode> sameDay =
                result.episodes().stream().filter(e -> e.day().equals(day)).toList();
        return stats.trades.stream()
                .filter(t -> ids.contains(t[0]))
                .filter(
                        t ->
                                sameDay.stream()
                                        .noneMatch(
                                                e ->
                                                        t[1] >= e.startNs()
                                                                && t[1]
                                                                        <= e.endNs()
                                                                                + 1_000_000_000L))
                .mapToLong(t -> t[3])
                .sum();
    }
}
