package io.instflow.cli;

import io.instflow.testing.SharedTestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code instflow barchart chain --from-file} on the real captures, and the series table. */
class BarchartCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CAPTURES = "barchart/nq-options-trading-system/";

    private record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = InstflowCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void shouldPrintEveryContractAndASummaryWithTheReadmesCounts() throws Exception {
        Path file = SharedTestData.file(CAPTURES + "barchart_api_MM6N25_135640.json");
        Run run =
                run(
                        "barchart",
                        "chain",
                        "--from-file",
                        file.toString(),
                        "--json",
                        "--observed-at",
                        "2025-06-27T18:56:40Z");
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.lines();
        assertThat(lines).hasSize(281);
        JsonNode first = MAPPER.readTree(lines.get(0));
        assertThat(first.get("cme_root").asText()).isEqualTo("Q1D");
        assertThat(first.get("raw_symbol").asText()).startsWith("Q1DN5 C");
        assertThat(first.get("expiration").asText()).isEqualTo("2025-07-03");
        assertThat(
                        first.has("bid")
                                && first.has("ask")
                                && first.has("last")
                                && first.has("settlement")
                                && first.has("volume")
                                && first.has("open_interest")
                                && first.has("strike")
                                && first.has("option_type"))
                .isTrue();
        JsonNode summary = MAPPER.readTree(lines.get(280)).get("summary");
        assertThat(summary.get("series").asText()).isEqualTo("MM6N25");
        assertThat(summary.get("contracts").asInt()).isEqualTo(280);
        assertThat(summary.get("strikes").asInt()).isEqualTo(140);
        assertThat(summary.get("with_bid").asInt()).isEqualTo(192);
        assertThat(summary.get("with_ask").asInt()).isEqualTo(202);
        assertThat(summary.get("volume").asLong()).isEqualTo(2538);
        assertThat(summary.get("open_interest").asLong()).isEqualTo(3543);
        assertThat(summary.get("settled").asInt()).isEqualTo(204);
        assertThat(summary.get("traded_today").asInt()).isEqualTo(76);
        assertThat(summary.get("delay_seconds").asLong())
                .as("the README's 10-minute delay")
                .isEqualTo(611);
    }

    @Test
    void shouldFlagTheDeadSeries() throws Exception {
        Run run =
                run(
                        "barchart",
                        "chain",
                        "--json",
                        "--from-file",
                        SharedTestData.file(CAPTURES + "options_data_20250602_141553.json")
                                .toString());
        JsonNode summary = MAPPER.readTree(run.lines().get(run.lines().size() - 1)).get("summary");
        assertThat(summary.get("flags").toString()).contains("DEAD_SERIES");
        assertThat(summary.get("two_sided").asInt()).isZero();
    }

    @Test
    void shouldNameBadInputs(@TempDir Path dir) throws Exception {
        Run missing = run("barchart", "chain", "--from-file", dir.resolve("nope.json").toString());
        assertThat(missing.code()).isEqualTo(InstflowCommand.EXIT_IO);
        assertThat(missing.err()).contains("nope.json");
        Path html = Files.writeString(dir.resolve("challenge.json"), "<html>Just a moment</html>");
        Run drift = run("barchart", "chain", "--from-file", html.toString());
        assertThat(drift.code()).isEqualTo(InstflowCommand.EXIT_BAD_INPUT);
        assertThat(drift.err()).contains("challenge.json").contains("not JSON");
        Run unknown = run("barchart", "chain", "ZZ9M25");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("ZZ9M25").contains("known");
    }

    @Test
    void shouldListTheSeriesOfAMonthWithTheirCodes() {
        Run run = run("barchart", "series", "NQ", "--from", "2025-06-01", "--days", "30");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("2025-06-09 MC7M25")
                .contains("Q2AM5")
                .contains("2025-06-20 NQM25")
                .contains("2025-06-27 MQ4M25")
                .contains("QN4M5")
                .contains("2025-06-30 MQ6M25")
                .doesNotContain("MQ3M25");
    }
}
