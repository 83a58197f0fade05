package io.instflow.cli;

import io.instflow.testing.JsonSchemas;

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

/**
 * The whole pipeline as a user runs it (local Kafka broker, simulator, connector, IFD job on a
 * MiniCluster) with the default {@code production} profile, over several simulator seeds: detection
 * quality against the labels, and the output files.
 */
class PipelineCommandITCase {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<Long> SEEDS = List.of(1L);

    @TempDir Path tmp;

    @Test
    void shouldDetectInstitutionalFlowWithTheProductionProfileAndWriteEveryOutput()
            throws Exception {
        long signals = 0;
        long matched = 0;
        long episodes = 0;
        long detected = 0;
        for (long seed : SEEDS) {
            Path out = tmp.resolve("out-" + seed);
            StringWriter console = new StringWriter();
            StringWriter err = new StringWriter();
            int code =
                    InstflowCommand.run(
                            new PrintWriter(console),
                            new PrintWriter(err),
                            "pipeline",
                            "--seed",
                            Long.toString(seed),
                            "--out",
                            out.toString(),
                            "--dir",
                            tmp.resolve("work-" + seed).toString());
            assertThat(code).as(err.toString()).isZero();
            assertThat(console.toString()).contains("precision / recall");
            JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
            assertThat(summary.get("profile").asText()).isEqualTo("production");
            JsonNode quality = summary.get("detection_quality");
            assertThat(quality.get("straddles_rejected_as_market_making_or_multi_leg").asLong())
                    .as("seed %d", seed)
                    .isEqualTo(quality.get("straddle_episodes").asLong())
                    .isPositive();
            assertThat(quality.get("spoofs_rejected_as_spoofing").asLong())
                    .as("seed %d", seed)
                    .isEqualTo(quality.get("spoof_episodes").asLong())
                    .isPositive();
            signals += summary.get("signals").asLong();
            matched += quality.get("signals_matching_an_episode").asLong();
            episodes += quality.get("directional_episodes").asLong();
            detected += quality.get("detected_episodes").asLong();
            assertOutputFiles(out, summary);
            if (seed == SEEDS.get(0)) {
                assertExportConforms(out);
            }
        }
        double precision = (double) matched / signals;
        double recall = (double) detected / episodes;
        System.out.printf(
                "production profile over seeds %s: %d signals, precision %.2f, recall %.2f (%d/%d episodes)%n",
                SEEDS, signals, precision, recall, detected, episodes);
        assertThat(precision).as("precision over seeds %s", SEEDS).isGreaterThanOrEqualTo(0.8);
        assertThat(recall).as("recall over seeds %s", SEEDS).isGreaterThanOrEqualTo(0.7);
    }

    /** The report's export of a real run, by its published schema. */
    private static void assertExportConforms(Path out) throws Exception {
        StringWriter err = new StringWriter();
        int code =
                InstflowCommand.run(
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(err),
                        "report",
                        "--from",
                        out.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readString(out.resolve("report/report.md")))
                .as("the strategies' page of the report")
                .contains("## Paper strategies")
                .contains("| follow-all-scaled |");
        JsonNode export = MAPPER.readTree(out.resolve("report/export.json").toFile());
        assertThat(export.path("signals")).isNotEmpty();
        assertThat(JsonSchemas.violations("export", export)).isEmpty();
    }

    private static void assertOutputFiles(Path out, JsonNode summary) throws Exception {
        List<String> signals = Files.readAllLines(out.resolve("signals.jsonl"));
        assertThat(signals).hasSize(summary.get("signals").asInt());
        for (String line : signals) {
            JsonNode s = MAPPER.readTree(line);
            for (String field :
                    List.of(
                            "signal_id",
                            "window_start_ns",
                            "window_end_ns",
                            "instrument_id",
                            "raw_symbol",
                            "strike",
                            "option_type",
                            "expiration",
                            "direction",
                            "final_confidence",
                            "tier",
                            "mm_probability",
                            "significance",
                            "buy_volume",
                            "sell_volume",
                            "z_score",
                            "emitted_at")) {
                assertThat(s.has(field)).as("signals.jsonl field %s in %s", field, line).isTrue();
            }
            assertThat(JsonSchemas.violations("signal", s)).as(line).isEmpty();
            assertThat(s.get("final_confidence").asDouble()).isGreaterThanOrEqualTo(0.7);
            assertThat(s.get("window_end_ns").asLong() - s.get("window_start_ns").asLong())
                    .isEqualTo(300_000_000_000L);
        }
        List<String> rejections = Files.readAllLines(out.resolve("rejections.jsonl"));
        assertThat(rejections).hasSize(summary.get("rejections").asInt());
        assertThat(MAPPER.readTree(rejections.get(0)).get("failed_gates").size()).isPositive();
        for (String line : rejections) {
            assertThat(JsonSchemas.violations("rejection", line)).as(line).isEmpty();
        }
        List<String> trades = Files.readAllLines(out.resolve("strategy-trades.jsonl"));
        JsonNode strategies = summary.get("strategies");
        long roundTrips = 0;
        for (JsonNode strategy : strategies) {
            roundTrips += strategy.get("round_trips").asLong();
        }
        assertThat(trades)
                .as("every strategy's round trips")
                .hasSize((int) roundTrips)
                .isNotEmpty();
        for (String line : trades) {
            assertThat(JsonSchemas.violations("strategy-pnl", line)).as(line).isEmpty();
        }
        List<String> orders = Files.readAllLines(out.resolve("strategy-orders.jsonl"));
        assertThat(orders.size())
                .as("an entry and an exit per round trip")
                .isGreaterThan(trades.size());
        for (String line : orders) {
            assertThat(JsonSchemas.violations("strategy-orders", line)).as(line).isEmpty();
        }
        List<String> bars = Files.readAllLines(out.resolve("bars-5m.jsonl"));
        assertThat(bars).hasSize(summary.get("bars_5m").asInt()).isNotEmpty();
        JsonNode bar = MAPPER.readTree(bars.get(0));
        assertThat(bar.get("high").asLong()).isGreaterThanOrEqualTo(bar.get("low").asLong());
        assertThat(bar.get("buy_volume").asLong() + bar.get("sell_volume").asLong())
                .isLessThanOrEqualTo(bar.get("volume").asLong());
    }
}
