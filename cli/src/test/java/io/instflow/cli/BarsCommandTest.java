package io.instflow.cli;

import io.instflow.testing.SharedTestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BarsCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CATALOG = "glbx/nautilus_trader/historical_bars_catalog/";

    private static List<JsonNode> bars(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("bars", "--json"));
        all.addAll(List.of(args));
        int code =
                InstflowCommand.run(
                        new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(MAPPER.readTree(line));
        }
        return lines;
    }

    @Test
    void shouldBuildTheSameBarsFromTheVendorTradesAndMbp1FilesOfOnePeriod() throws Exception {
        Path trades =
                SharedTestData.file(
                        CATALOG + "futures_trades_2024-07-01T23-58_2024-07-02T00-02.dbn.zst");
        Path mbp1 =
                SharedTestData.file(
                        CATALOG + "futures_mbp-1_2024-07-01T23-58_2024-07-02T00-02.dbn.zst");
        List<JsonNode> fromTrades = bars(trades.toString());
        assertThat(bars(mbp1.toString()))
                .as("the MBP-1 file's T records are the same 120 trades")
                .isEqualTo(fromTrades);

        List<String> keys = new ArrayList<>();
        fromTrades.get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactly(
                        "instrument_id",
                        "raw_symbol",
                        "start_ns",
                        "open",
                        "high",
                        "low",
                        "close",
                        "volume",
                        "buy_volume",
                        "sell_volume",
                        "trades");
        assertThat(fromTrades)
                .extracting(b -> b.get("start_ns").asLong())
                .containsExactly(
                        1_719_878_280_000_000_000L,
                        1_719_878_340_000_000_000L,
                        1_719_878_400_000_000_000L,
                        1_719_878_460_000_000_000L);
        assertThat(fromTrades.stream().mapToLong(b -> b.get("volume").asLong()).sum())
                .as("README: total size")
                .isEqualTo(253);
        assertThat(fromTrades.stream().mapToLong(b -> b.get("trades").asLong()).sum())
                .as("README: trades")
                .isEqualTo(120);
        for (JsonNode b : fromTrades) {
            assertThat(b.get("raw_symbol").asText()).isEqualTo("ESU4");
            assertThat(b.get("buy_volume").asLong() + b.get("sell_volume").asLong())
                    .as("every trade has a side")
                    .isEqualTo(b.get("volume").asLong());
            assertThat(b.get("low").asLong()).isGreaterThanOrEqualTo(5_528_500_000_000L);
            assertThat(b.get("high").asLong()).isLessThanOrEqualTo(5_529_500_000_000L);
            assertThat(b.get("open").asLong())
                    .isBetween(b.get("low").asLong(), b.get("high").asLong());
            assertThat(b.get("close").asLong())
                    .isBetween(b.get("low").asLong(), b.get("high").asLong());
        }
    }

    @Test
    void shouldRollFiveMinuteBarsUpFromTheOneMinuteBarsOfAnMboFile() throws Exception {
        Path mbo = SharedTestData.file("glbx/nautilus_trader/esh4-glbx-mdp3-20231225.mbo.dbn.zst");
        List<JsonNode> one = bars(mbo.toString());
        List<JsonNode> five = bars("--minutes", "5", mbo.toString());
        assertThat(five).isNotEmpty();
        for (JsonNode bar : five) {
            long start = bar.get("start_ns").asLong();
            List<JsonNode> parts =
                    one.stream()
                            .filter(
                                    b ->
                                            b.get("start_ns").asLong() >= start
                                                    && b.get("start_ns").asLong()
                                                            < start + 300_000_000_000L)
                            .toList();
            assertThat(parts).isNotEmpty();
            assertThat(bar.get("open")).isEqualTo(parts.get(0).get("open"));
            assertThat(bar.get("close")).isEqualTo(parts.get(parts.size() - 1).get("close"));
            assertThat(bar.get("high").asLong())
                    .isEqualTo(
                            parts.stream()
                                    .mapToLong(b -> b.get("high").asLong())
                                    .max()
                                    .orElseThrow());
            assertThat(bar.get("low").asLong())
                    .isEqualTo(
                            parts.stream()
                                    .mapToLong(b -> b.get("low").asLong())
                                    .min()
                                    .orElseThrow());
            for (String sum : List.of("volume", "buy_volume", "sell_volume", "trades")) {
                assertThat(bar.get(sum).asLong())
                        .isEqualTo(parts.stream().mapToLong(b -> b.get(sum).asLong()).sum());
            }
        }
        assertThat(one.stream().mapToLong(b -> b.get("buy_volume").asLong()).sum())
                .as("book-classified buys")
                .isPositive();
    }

    @Test
    void shouldRejectABarLengthOutOfRangeNamingTheOption() {
        StringWriter err = new StringWriter();
        int code =
                InstflowCommand.run(
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(err),
                        "bars",
                        "--minutes",
                        "0",
                        "missing.dbn");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--minutes");
    }
}
