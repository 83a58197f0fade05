package io.instflow.barchart.chain;

import io.instflow.testing.SharedTestData;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every real chain capture in ../shared/testdata/barchart parses to the counts that folder's README
 * states (rows, strikes, quotes, volume, open interest, settlements, today's trades, oldest trade
 * time), and normalises with every row mapped to its CME root and expiry.
 */
class ChainFixturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "options_data_20250602_141553.json; 576; 288; 14000; 24500; 0; 0; 299; 20423; 361; 9880; 575; 1; 2025-05-30T00:00:00Z; Q1A; 2025-06-02",
                "barchart_api_MC7M25_223218.json; 586; 293; 15000; 25000; 478; 586; 263; 5370; 318; 9619; 475; 109; 2025-06-06T00:00:00Z; Q2A; 2025-06-09",
                "barchart_api_MC2M25_075841.json; 592; 296; 15000; 25000; 559; 592; 232; 3982; 250; 4533; 429; 162; 2025-06-09T00:00:00Z; Q2C; 2025-06-11",
                "barchart_api_MC4M25_233909.json; 178; 89; 15500; 25000; 145; 152; 17; 199; 21; 206; 176; 1; 2025-06-12T00:00:00Z; Q4C; 2025-06-25",
                "barchart_api_MC6N5_142402.json; 180; 90; 15500; 25000; 133; 134; 55; 842; 83; 1291; 153; 26; 2025-06-24T00:00:00Z; Q1A; 2025-07-07",
                "barchart_api_MM1N25_083143.json; 576; 288; 15500; 25500; 409; 427; 123; 1499; 154; 2173; 514; 62; 2025-06-26T00:00:00Z; Q1B; 2025-07-01",
                "barchart_api_MM6N25_135640.json; 280; 140; 15500; 25500; 192; 202; 120; 2538; 144; 3543; 204; 76; 2025-06-26T00:00:00Z; Q1D; 2025-07-03",
                "barchart_api_MQ4M25_140605.json; 706; 353; 14000; 25500; 473; 706; 323; 41991; 474; 18425; 459; 246; 2025-06-26T00:00:00Z; QN4; 2025-06-27",
            })
    void shouldParseAndNormaliseEveryCapture(
            String file,
            int rows,
            int strikes,
            int minStrike,
            int maxStrike,
            int bids,
            int asks,
            int volumeRows,
            long volume,
            int oiRows,
            long openInterest,
            int settled,
            int today,
            String oldestTrade,
            String cmeRoot,
            String expiry)
            throws Exception {
        ParsedChain chain = ChainParser.parse(Files.readAllBytes(fixture(file)));
        List<ChainRow> all = chain.rows();
        assertThat(chain.total()).isEqualTo(rows);
        assertThat(all).hasSize(rows);
        assertThat(all.stream().map(ChainRow::strike).distinct().count()).isEqualTo(strikes);
        assertThat(all.stream().map(ChainRow::strike).min(Comparator.naturalOrder()))
                .contains(BigDecimal.valueOf(minStrike));
        assertThat(all.stream().map(ChainRow::strike).max(Comparator.naturalOrder()))
                .contains(BigDecimal.valueOf(maxStrike));
        assertThat(all.stream().filter(r -> r.bid() > 0).count()).isEqualTo(bids);
        assertThat(all.stream().filter(r -> r.ask() > 0).count()).isEqualTo(asks);
        assertThat(all.stream().filter(r -> r.volume() != null).count()).isEqualTo(volumeRows);
        assertThat(
                        all.stream()
                                .map(ChainRow::volume)
                                .filter(Objects::nonNull)
                                .mapToLong(Long::longValue)
                                .sum())
                .isEqualTo(volume);
        assertThat(all.stream().filter(r -> r.openInterest() != null).count()).isEqualTo(oiRows);
        assertThat(
                        all.stream()
                                .map(ChainRow::openInterest)
                                .filter(Objects::nonNull)
                                .mapToLong(Long::longValue)
                                .sum())
                .isEqualTo(openInterest);
        assertThat(all.stream().filter(ChainRow::settlement).count()).isEqualTo(settled);
        assertThat(all.stream().filter(ChainRow::tradeTimeIsClock).count()).isEqualTo(today);
        assertThat(
                        all.stream()
                                .map(ChainRow::tradeTimeEpochSeconds)
                                .filter(Objects::nonNull)
                                .min(Long::compare)
                                .map(Instant::ofEpochSecond))
                .contains(Instant.parse(oldestTrade));
        assertThat(chain.calls().stream().map(ChainRow::strike).toList())
                .isEqualTo(chain.puts().stream().map(ChainRow::strike).toList());

        Instant newest =
                all.stream()
                        .filter(ChainRow::tradeTimeIsClock)
                        .map(ChainRow::tradeTimeEpochSeconds)
                        .max(Long::compare)
                        .map(Instant::ofEpochSecond)
                        .orElseThrow();
        ChainSnapshot snapshot = ChainNormaliser.normalise(chain, null, newest.plusSeconds(600));
        assertThat(snapshot.quotes())
                .hasSize(rows)
                .allSatisfy(
                        q -> {
                            assertThat(q.cmeRoot()).isEqualTo(cmeRoot);
                            assertThat(q.expiration()).isEqualTo(LocalDate.parse(expiry));
                            assertThat(q.rawSymbol())
                                    .startsWith(cmeRoot)
                                    .endsWith(q.strike().toPlainString());
                        });
        assertThat(snapshot.unmapped()).isZero();
        assertThat(snapshot.rejected()).isZero();
        assertThat(snapshot.twoSidedQuotes()).isLessThanOrEqualTo(Math.min(bids, asks));
        assertThat(snapshot.quotes().stream().filter(q -> q.bid() != null).count()).isEqualTo(bids);
        assertThat(snapshot.flags())
                .contains(
                        ChainSnapshot.Flag.DELAYED,
                        ChainSnapshot.Flag.NO_TRADES,
                        ChainSnapshot.Flag.NO_BOOK,
                        ChainSnapshot.Flag.NO_IV)
                .doesNotContain(ChainSnapshot.Flag.PARTIAL);
        assertThat(snapshot.flags().contains(ChainSnapshot.Flag.DEAD_SERIES))
                .as("dead series")
                .isEqualTo(file.startsWith("options_data"));
    }

    static Path fixture(String file) {
        return SharedTestData.file("barchart/nq-options-trading-system/" + file);
    }
}
