package io.instflow.reports;

import io.instflow.avro.Bar;
import io.instflow.avro.Comparison;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.avro.StrategyTrade;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.ifd.io.FlatJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a report is made of, as flat JSON rows: the signals of production (and of a shadow),
 * production's rejections, pressure windows and 5-minute bars, the comparison rows, the paper
 * strategies' round trips on production's (and the shadow's) signals, and the run's summary when
 * there is one. Read from a run's output directory or from the topics.
 */
public record ReportData(
        List<JsonNode> production,
        List<JsonNode> shadow,
        List<JsonNode> rejections,
        List<JsonNode> pressure,
        List<JsonNode> bars5m,
        List<JsonNode> comparisons,
        JsonNode summary,
        String source,
        List<JsonNode> strategyTrades,
        List<JsonNode> shadowStrategyTrades) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A report without paper strategies. */
    public ReportData(
            List<JsonNode> production,
            List<JsonNode> shadow,
            List<JsonNode> rejections,
            List<JsonNode> pressure,
            List<JsonNode> bars5m,
            List<JsonNode> comparisons,
            JsonNode summary,
            String source) {
        this(
                production,
                shadow,
                rejections,
                pressure,
                bars5m,
                comparisons,
                summary,
                source,
                List.of(),
                List.of());
    }

    /** The files {@code instflow pipeline} and {@code instflow shadow} write. */
    public static ReportData fromDirectory(Path dir) {
        if (!Files.isRegularFile(dir.resolve("signals.jsonl"))) {
            throw new IllegalArgumentException(
                    "--from "
                            + dir
                            + " has no signals.jsonl; give the --out directory of "
                            + "'instflow pipeline' or 'instflow shadow'");
        }
        return new ReportData(
                lines(dir.resolve("signals.jsonl")),
                lines(dir.resolve("shadow-signals.jsonl")),
                lines(dir.resolve("rejections.jsonl")),
                lines(dir.resolve("pressure.jsonl")),
                lines(dir.resolve("bars-5m.jsonl")),
                lines(dir.resolve("comparisons.jsonl")),
                json(dir.resolve("summary.json")),
                dir.toString(),
                lines(dir.resolve("strategy-trades.jsonl")),
                lines(dir.resolve("shadow-strategy-trades.jsonl")));
    }

    /**
     * The topics of a deployment: production's outputs, the shadow's signals, the comparison job's
     * rows, and the round trips of the strategies jobs writing under each IFD job's prefix, when
     * they run.
     */
    public static ReportData fromKafka(
            String bootstrap,
            String productionPrefix,
            String shadowPrefix,
            String comparisonPrefix) {
        Topics production = new Topics(productionPrefix);
        List<JsonNode> bars = new ArrayList<>();
        read(bootstrap, production.bars(5), Bar.class).forEach(b -> bars.add(barRow(b)));
        return new ReportData(
                flat(read(bootstrap, production.signals(), Signal.class)),
                shadowPrefix == null
                        ? List.of()
                        : flat(read(bootstrap, new Topics(shadowPrefix).signals(), Signal.class)),
                flat(read(bootstrap, production.rejections(), Rejection.class)),
                flat(read(bootstrap, production.pressure(), PressureMetrics.class)),
                bars,
                shadowPrefix == null
                        ? List.of()
                        : flat(
                                read(
                                        bootstrap,
                                        new Topics(comparisonPrefix).comparison(),
                                        Comparison.class)),
                null,
                "Kafka at " + bootstrap,
                strategyTrades(bootstrap, production),
                shadowPrefix == null
                        ? List.of()
                        : strategyTrades(bootstrap, new Topics(shadowPrefix)));
    }

    private static List<JsonNode> strategyTrades(String bootstrap, Topics topics) {
        if (!io.instflow.contract.kafka.TopicAdmin.exists(bootstrap, topics.strategyPnl())) {
            return List.of();
        }
        return flat(read(bootstrap, topics.strategyPnl(), StrategyTrade.class));
    }

    /** A bar as {@code bars-5m.jsonl} holds it. */
    public static JsonNode barRow(Bar b) {
        return MAPPER.createObjectNode()
                .put("instrument_id", b.getInstrumentId())
                .put("raw_symbol", b.getSymbol())
                .put("start_ns", b.getWindowStart())
                .put("open", b.getOpen())
                .put("high", b.getHigh())
                .put("low", b.getLow())
                .put("close", b.getClose())
                .put("volume", b.getVolume())
                .put("buy_volume", b.getBuyVolume())
                .put("sell_volume", b.getSellVolume())
                .put("trades", b.getTrades())
                .put("delta", b.getDelta())
                .put("cumulative_delta", b.getCumulativeDelta());
    }

    /**
     * A profile's label as the comparisons carry it ({@code production_profile}, {@code
     * shadow_profile}), or {@code fallback}.
     */
    public String label(String field, String fallback) {
        return comparisons().stream()
                .map(c -> c.path(field).asText(""))
                .filter(v -> !v.isEmpty())
                .findFirst()
                .orElse(fallback);
    }

    /** The event-time start (ns) of a flat row: its window's, or an episode's. */
    public static long startNs(JsonNode row) {
        return row.has("window_start_ns")
                ? row.path("window_start_ns").asLong()
                : row.path("start_ns").asLong();
    }

    /** True when there is nothing a report could show: no signals, windows or bars. */
    public boolean isEmpty() {
        return production.isEmpty() && shadow.isEmpty() && pressure.isEmpty() && bars5m.isEmpty();
    }

    public boolean hasShadow() {
        return !comparisons.isEmpty() || !shadow.isEmpty();
    }

    private static List<JsonNode> flat(List<? extends SpecificRecord> records) {
        List<JsonNode> out = new ArrayList<>();
        records.forEach(r -> out.add(FlatJson.of((org.apache.avro.generic.IndexedRecord) r)));
        return out;
    }

    private static <T extends SpecificRecord> List<T> read(
            String bootstrap, String topic, Class<T> type) {
        return TopicScan.readAll(bootstrap, topic, type, Duration.ofMinutes(2));
    }

    private static List<JsonNode> lines(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        try {
            int n = 0;
            for (String line : Files.readAllLines(file)) {
                n++;
                if (!line.isBlank()) {
                    try {
                        out.add(MAPPER.readTree(line));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalArgumentException(
                                file + " line " + n + " is not JSON: " + e.getOriginalMessage(), e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static JsonNode json(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
