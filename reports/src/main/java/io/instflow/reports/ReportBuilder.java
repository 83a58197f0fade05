package io.instflow.reports;

import io.instflow.ifd.logic.TradingDate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Builds the daily report of one trading day: {@code report.html} (self-contained), {@code
 * report.md}, the charts under {@code charts/} and {@code export.json} for external systems. Market
 * sections cover the day; the shadow comparison covers every judged signal in the input.
 */
public final class ReportBuilder {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final List<Integer> HORIZONS = List.of(5, 15, 30);

    /** Where the report went, and the promotion verdict when there was a shadow. */
    public record Result(
            Path html,
            Path markdown,
            Path export,
            List<Path> charts,
            LocalDate day,
            PromotionRule.Verdict verdict) {}

    private final ReportData data;
    private final PromotionRule rule;

    public ReportBuilder(ReportData data, PromotionRule rule) {
        this.data = data;
        this.rule = rule;
    }

    /**
     * @param day the trading day to report, or null for the last one with bars
     */
    public Result write(Path out, LocalDate day) throws IOException {
        LocalDate reportDay = day != null ? day : lastDay();
        Predicate<JsonNode> onDay =
                r ->
                        reportDay != null
                                && TradingDate.of(ReportData.startNs(r)) == reportDay.toEpochDay();
        List<JsonNode> bars = data.bars5m().stream().filter(onDay).toList();
        String symbol = frontSymbol(bars);
        List<JsonNode> frontBars =
                bars.stream().filter(b -> b.path("raw_symbol").asText().equals(symbol)).toList();
        List<JsonNode> signals = data.production().stream().filter(onDay).toList();
        List<JsonNode> rejections =
                data.rejections().stream()
                        .filter(onDay)
                        .filter(r -> !r.path("diagnostic").asBoolean(false))
                        .toList();
        List<JsonNode> pressure = data.pressure().stream().filter(onDay).toList();
        Files.createDirectories(out.resolve("charts"));
        List<Path> charts = new ArrayList<>();

        Doc doc =
                new Doc(
                        "instflow daily report: "
                                + (reportDay == null ? "no data" : reportDay.toString()));
        summary(doc.section("Summary"), reportDay, symbol, frontBars, signals, pressure);
        Doc.Section market = doc.section("Market and signals");
        if (!frontBars.isEmpty()) {
            Charts.candles(out.resolve("charts/candles.png"), symbol, frontBars, signals);
            charts.add(out.resolve("charts/candles.png"));
            market.blocks()
                    .add(
                            new Doc.Image(
                                    "charts/candles.png",
                                    symbol + " 5-minute bars with signals",
                                    Charts.CANDLES_WIDTH,
                                    Charts.CANDLES_HEIGHT));
        } else {
            market.blocks().add(new Doc.Paragraph("No futures bars on this day."));
        }
        if (!pressure.isEmpty()) {
            Charts.pressureLadder(out.resolve("charts/pressure-ladder.png"), pressure);
            charts.add(out.resolve("charts/pressure-ladder.png"));
            market.blocks()
                    .add(
                            new Doc.Image(
                                    "charts/pressure-ladder.png",
                                    "per-strike pressure ladder",
                                    Charts.LADDER_WIDTH,
                                    Charts.LADDER_HEIGHT));
        }
        topSignals(doc.section("Top signals and their reasons"), signals);
        rejectionsByGate(doc.section("Rejections by reason"), rejections);
        PromotionRule.Verdict verdict = null;
        OutcomeTable outcomes = OutcomeTable.of(data.comparisons());
        if (data.hasShadow()) {
            verdict =
                    new ShadowSection(data, rule, HORIZONS)
                            .write(doc.section("Shadow vs production"), outcomes, out, charts);
        }
        StrategySection strategies = new StrategySection(data);
        if (!strategies.isEmpty()) {
            strategies.write(
                    doc.section("Paper strategies"),
                    out,
                    charts,
                    data.label("production_profile", "production"),
                    data.label("shadow_profile", "shadow"));
        }
        dataQuality(doc.section("Data quality"), pressure, rejections);

        Path html = out.resolve("report.html");
        Files.writeString(html, DocRenderer.html(doc, out));
        Path md = out.resolve("report.md");
        Files.writeString(md, DocRenderer.markdown(doc));
        Path export = out.resolve("export.json");
        MAPPER.writeValue(
                export.toFile(),
                new ReportExport(data, HORIZONS)
                        .of(reportDay, symbol, frontBars, signals, pressure, outcomes, verdict));
        return new Result(html, md, export, charts, reportDay, verdict);
    }

    private void summary(
            Doc.Section s,
            LocalDate day,
            String symbol,
            List<JsonNode> bars,
            List<JsonNode> signals,
            List<JsonNode> pressure) {
        s.blocks()
                .add(
                        new Doc.Paragraph(
                                String.format(
                                        Locale.ROOT,
                                        "Source: %s. Trading day %s (CME session date). %d signals on %d "
                                                + "pressure windows; %s.",
                                        data.source(),
                                        day,
                                        signals.size(),
                                        pressure.size(),
                                        bars.isEmpty()
                                                ? "no futures bars"
                                                : symbol + " " + range(bars))));
        long degradedSignals = signals.stream().filter(ReportBuilder::degraded).count();
        long degradedWindows = pressure.stream().filter(ReportBuilder::degraded).count();
        if (degradedWindows > 0) {
            s.blocks()
                    .add(
                            new Doc.Paragraph(
                                    String.format(
                                            Locale.ROOT,
                                            "DEGRADED DATA: %d signals and %d pressure windows come from the "
                                                    + "Barchart backup during a Databento outage: delayed snapshots, volume from snapshot differences and "
                                                    + "a buy/sell split estimated from the last price against the quote. They are marked below.",
                                            degradedSignals,
                                            degradedWindows)));
        }
        Map<String, Integer> byTier = new TreeMap<>();
        signals.forEach(
                x ->
                        byTier.merge(
                                x.path("tier").asText() + "|" + x.path("direction").asText(),
                                1,
                                Integer::sum));
        List<List<String>> rows = new ArrayList<>();
        byTier.forEach(
                (k, n) ->
                        rows.add(
                                List.of(
                                        k.split("\\|")[0],
                                        k.split("\\|")[1],
                                        Integer.toString(n))));
        if (!rows.isEmpty()) {
            s.blocks().add(new Doc.Table(List.of("tier", "direction", "signals"), rows));
        }
        JsonNode quality = data.summary() == null ? null : data.summary().get("detection_quality");
        if (quality != null) {
            s.blocks()
                    .add(
                            new Doc.Paragraph(
                                    String.format(
                                            Locale.ROOT,
                                            "Against the simulator's labels over the whole run: precision %.2f, "
                                                    + "recall %.2f (%d of %d directional episodes detected).",
                                            quality.path("precision").asDouble(),
                                            quality.path("recall").asDouble(),
                                            quality.path("detected_episodes").asLong(),
                                            quality.path("directional_episodes").asLong())));
        }
    }

    private static String range(List<JsonNode> bars) {
        double open = bars.get(0).path("open").asLong() / 1e9;
        double close = bars.get(bars.size() - 1).path("close").asLong() / 1e9;
        double high = bars.stream().mapToLong(b -> b.path("high").asLong()).max().orElse(0) / 1e9;
        double low = bars.stream().mapToLong(b -> b.path("low").asLong()).min().orElse(0) / 1e9;
        long delta =
                bars.stream()
                        .mapToLong(
                                b -> b.path("buy_volume").asLong() - b.path("sell_volume").asLong())
                        .sum();
        return String.format(
                Locale.ROOT,
                "opened %.2f, closed %.2f (%+.2f), range %.2f to %.2f, delta %+d contracts",
                open,
                close,
                close - open,
                low,
                high,
                delta);
    }

    private static void topSignals(Doc.Section s, List<JsonNode> signals) {
        if (signals.isEmpty()) {
            s.blocks().add(new Doc.Paragraph("No signals on this day."));
            return;
        }
        List<JsonNode> top = new ArrayList<>(signals);
        top.sort(
                Comparator.comparingDouble((JsonNode x) -> x.path("final_confidence").asDouble())
                        .reversed());
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode x : top.subList(0, Math.min(10, top.size()))) {
            rows.add(
                    List.of(
                            TIME.format(
                                            Instant.ofEpochMilli(
                                                    x.path("window_start_ns").asLong()
                                                            / 1_000_000L))
                                    + "–"
                                    + TIME.format(
                                            Instant.ofEpochMilli(
                                                    x.path("window_end_ns").asLong() / 1_000_000L)),
                            x.path("raw_symbol").asText()
                                    + (degraded(x) ? " (degraded, " + stamp(x) + ")" : ""),
                            x.path("direction").asText(),
                            x.path("tier").asText(),
                            String.format(
                                    Locale.ROOT, "%.3f", x.path("final_confidence").asDouble()),
                            reasons(x)));
        }
        s.blocks()
                .add(
                        new Doc.Table(
                                List.of(
                                        "window (UTC)",
                                        "contract",
                                        "direction",
                                        "tier",
                                        "confidence",
                                        "reasons"),
                                rows));
    }

    private static boolean degraded(JsonNode x) {
        return x.path("degraded").asBoolean(false);
    }

    /** The backup source and its delay, for a degraded record. */
    static String stamp(JsonNode x) {
        JsonNode delay = x.path("delay_ms");
        return x.path("source").asText("backup")
                + (delay.isNumber()
                        ? String.format(
                                Locale.ROOT, ", delayed %.0f min", delay.asLong() / 60_000.0)
                        : "");
    }

    /** Why a signal fired, in one line, from its own fields. */
    static String reasons(JsonNode x) {
        String z =
                x.path("z_score").isNull() || x.path("z_score").isMissingNode()
                        ? "no baseline"
                        : String.format(
                                Locale.ROOT,
                                "z %.1f, rank %.0f",
                                x.path("z_score").asDouble(),
                                x.path("percentile_rank").asDouble());
        return String.format(
                Locale.ROOT,
                "bought %d / sold %d in %d trades (log pressure %+.2f); %s; significance %.2f, trend %.2f, "
                        + "concentration %.2f, persistence %.2f; coordination %.2f; market making %.2f",
                x.path("buy_volume").asLong(),
                x.path("sell_volume").asLong(),
                x.path("trades").asLong(),
                x.path("log_pressure").asDouble(),
                z,
                x.path("significance").asDouble(),
                x.path("trend").asDouble(),
                x.path("concentration").asDouble(),
                x.path("persistence").asDouble(),
                x.path("coordination").asDouble(),
                x.path("mm_probability").asDouble());
    }

    private static void rejectionsByGate(Doc.Section s, List<JsonNode> rejections) {
        Map<String, Integer> byGate = new TreeMap<>();
        rejections.forEach(
                r ->
                        r.path("failed_gates")
                                .forEach(g -> byGate.merge(g.asText(), 1, Integer::sum)));
        s.blocks()
                .add(
                        new Doc.Paragraph(
                                rejections.size()
                                        + " candidates rejected; a candidate can fail several gates."));
        List<List<String>> rows = new ArrayList<>();
        byGate.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> rows.add(List.of(e.getKey(), Integer.toString(e.getValue()))));
        if (!rows.isEmpty()) {
            s.blocks().add(new Doc.Table(List.of("failed gate", "candidates"), rows));
        }
    }

    private void dataQuality(Doc.Section s, List<JsonNode> pressure, List<JsonNode> rejections) {
        List<List<String>> rows = new ArrayList<>();
        if (data.summary() != null) {
            rows.add(
                    List.of(
                            "MBO records replayed (whole run)",
                            data.summary().path("mbo_records").asText()));
        }
        rows.add(List.of("pressure windows on the day", Integer.toString(pressure.size())));
        rows.add(
                List.of(
                        "windows with unclassified volume",
                        Long.toString(
                                pressure.stream()
                                        .filter(p -> p.path("unknown_volume").asLong() > 0)
                                        .count())));
        rows.add(List.of("rejected candidates on the day", Integer.toString(rejections.size())));
        if (data.summary() != null && data.summary().has("late_records")) {
            rows.add(
                    List.of(
                            "late records (dropped, counted)",
                            data.summary().path("late_records").asText()));
        }
        s.blocks().add(new Doc.Table(List.of("measure", "value"), rows));
        s.blocks()
                .add(
                        new Doc.Paragraph(
                                "Feed gaps and book anomalies are reported on md.glbx-mdp3.status and as the job's "
                                        + "bookAnomalies metric; this report covers what the job's output topics hold."));
    }

    private LocalDate lastDay() {
        return data.bars5m().stream().mapToLong(ReportData::startNs).max().stream()
                .mapToObj(t -> LocalDate.ofEpochDay(TradingDate.of(t)))
                .findFirst()
                .orElse(
                        data.production().stream().mapToLong(ReportData::startNs).max().stream()
                                .mapToObj(t -> LocalDate.ofEpochDay(TradingDate.of(t)))
                                .findFirst()
                                .orElse(null));
    }

    private static String frontSymbol(List<JsonNode> bars) {
        Map<String, Integer> counts = new TreeMap<>();
        bars.forEach(b -> counts.merge(b.path("raw_symbol").asText(), 1, Integer::sum));
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse("NQ");
    }
}
