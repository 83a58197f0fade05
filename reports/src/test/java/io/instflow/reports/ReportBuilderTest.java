package io.instflow.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The report from hand-made rows: files, charts, HTML in a real headless Chromium, export,
 * promotion.
 */
class ReportBuilderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MINUTE_NS = 60_000_000_000L;
    private static final long DAY_START =
            LocalDate.of(2026, 11, 30).atTime(14, 30).toEpochSecond(ZoneOffset.UTC)
                    * 1_000_000_000L;
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir Path tmp;

    private static ObjectNode bar(int i) {
        long px = 21_000_000_000_000L + i * 2_000_000_000L;
        return MAPPER.createObjectNode()
                .put("instrument_id", 42140000)
                .put("raw_symbol", "NQZ6")
                .put("start_ns", DAY_START + i * 5 * MINUTE_NS)
                .put("open", px)
                .put("high", px + 3_000_000_000L)
                .put("low", px - 2_000_000_000L)
                .put("close", px + 1_500_000_000L)
                .put("volume", 400)
                .put("buy_volume", 220)
                .put("sell_volume", 180)
                .put("trades", 150);
    }

    private static ObjectNode signal(int window, String direction, String tier, double confidence) {
        long start = DAY_START + window * 5 * MINUTE_NS;
        ObjectNode s =
                MAPPER.createObjectNode()
                        .put("signal_id", "sig-" + window)
                        .put("window_start_ns", start)
                        .put("window_end_ns", start + 5 * MINUTE_NS)
                        .put("instrument_id", 42140011)
                        .put("raw_symbol", "NQZ6 C21000")
                        .put("strike", 21000.0)
                        .put("option_type", "CALL")
                        .put("direction", direction)
                        .put("tier", tier)
                        .put("final_confidence", confidence)
                        .put("buy_volume", 600)
                        .put("sell_volume", 4)
                        .put("trades", 40)
                        .put("log_pressure", 4.8)
                        .put("z_score", 5.1)
                        .put("percentile_rank", 99.5)
                        .put("significance", 0.9)
                        .put("trend", 1.0)
                        .put("concentration", 0.98)
                        .put("persistence", 0.67)
                        .put("coordination", 0.5)
                        .put("mm_probability", 0.1);
        return s;
    }

    private static ObjectNode pressure(double strike, String type, long buy, long sell) {
        return MAPPER.createObjectNode()
                .put("window_start_ns", DAY_START)
                .put("window_end_ns", DAY_START + 5 * MINUTE_NS)
                .put("strike", strike)
                .put("option_type", type)
                .put("buy_volume", buy)
                .put("sell_volume", sell)
                .put("unknown_volume", 0);
    }

    private static ObjectNode outcome(String side, int horizon, int i, boolean hit) {
        double move = hit ? 6 : -4;
        return MAPPER.createObjectNode()
                .put("kind", "OUTCOME")
                .put("production_profile", "production")
                .put("shadow_profile", "candidate")
                .put("evaluated_profile", side)
                .put("tier", "HIGH")
                .put("horizon_minutes", horizon)
                .put("window_end_ns", DAY_START + i * MINUTE_NS)
                .put("entry_price", 21_000_000_000_000L)
                .put("exit_price", 21_000_000_000_000L + Math.round(move * 1e9))
                .put("signed_move_points", move)
                .put("outcome", hit ? "HIT" : "MISS")
                .put("pnl_usd", move * 20 - 2.5);
    }

    /**
     * 25 judged signals per side and horizon: production hits 12, the candidate {@code shadowHits}.
     */
    private static ReportData data(int shadowHits, int judged) {
        List<JsonNode> bars = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bars.add(bar(i));
        }
        List<JsonNode> comparisons = new ArrayList<>();
        for (int h : List.of(5, 15, 30)) {
            for (int i = 0; i < judged; i++) {
                comparisons.add(outcome("production", h, i, i < judged * 12 / 25));
                comparisons.add(outcome("candidate", h, i, i < shadowHits));
            }
        }
        comparisons.add(
                MAPPER.createObjectNode()
                        .put("kind", "AGREEMENT")
                        .put("production_profile", "production")
                        .put("shadow_profile", "candidate"));
        return new ReportData(
                List.of(signal(2, "LONG", "HIGH", 0.78), signal(7, "SHORT", "VERY_HIGH", 0.86)),
                List.of(signal(2, "LONG", "HIGH", 0.74)),
                List.of(
                        MAPPER.createObjectNode()
                                .put("window_start_ns", DAY_START)
                                .put("diagnostic", false)
                                .set(
                                        "failed_gates",
                                        MAPPER.createArrayNode()
                                                .add("market_making")
                                                .add("min_total_volume"))),
                List.of(
                        pressure(21000, "CALL", 600, 4),
                        pressure(21000, "PUT", 20, 35),
                        pressure(20950, "PUT", 10, 300)),
                bars,
                comparisons,
                null,
                "hand-made rows");
    }

    @Test
    void shouldWriteTheReportTheChartsAndTheExport() throws Exception {
        ReportBuilder.Result r =
                new ReportBuilder(data(18, 25), new PromotionRule(15, 20, 0.05)).write(tmp, null);

        assertThat(r.day()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertChart(tmp.resolve("charts/candles.png"), Charts.CANDLES_WIDTH, Charts.CANDLES_HEIGHT);
        assertChart(
                tmp.resolve("charts/pressure-ladder.png"),
                Charts.LADDER_WIDTH,
                Charts.LADDER_HEIGHT);
        assertChart(tmp.resolve("charts/pnl.png"), Charts.PNL_WIDTH, Charts.PNL_HEIGHT);
        assertChart(
                tmp.resolve("charts/hit-rates.png"), Charts.HIT_RATE_WIDTH, Charts.HIT_RATE_HEIGHT);

        String html = Files.readString(r.html());
        for (String section :
                List.of(
                        "Summary",
                        "Top signals and their reasons",
                        "Rejections by reason",
                        "Shadow vs production",
                        "Data quality")) {
            assertThat(html)
                    .contains(
                            "<h2 id=\"" + DocRenderer.anchor(section) + "\">" + section + "</h2>");
        }
        assertThat(html)
                .contains("data:image/png;base64,")
                .doesNotContain("src=\"http")
                .doesNotContain("src=\"charts/");
        assertThat(html).contains("bought 600 / sold 4").contains("market_making");
        String md = Files.readString(r.markdown());
        assertThat(md)
                .contains("![NQZ6 5-minute bars with signals](charts/candles.png)")
                .contains("| failed gate | candidates |");

        JsonNode export = MAPPER.readTree(r.export().toFile());
        assertThat(export.path("metadata").path("trading_day").asText()).isEqualTo("2026-11-30");
        assertThat(export.path("signals")).hasSize(3);
        assertThat(export.path("market_analysis").path("bars_5m").asInt()).isEqualTo(12);
        assertThat(export.path("market_analysis").path("strikes")).hasSize(3);
        assertThat(
                        export.path("execution_summary")
                                .path("candidate")
                                .path("15")
                                .path("hit_rate")
                                .asDouble())
                .isEqualTo(0.72);
        assertThat(export.path("execution_summary").path("promotion").path("decision").asText())
                .isEqualTo(PromotionRule.PROMOTE);
    }

    @Test
    void shouldWriteTheSameReportUnderAGermanDefaultLocale() throws Exception {
        Locale before = Locale.getDefault();
        String german;
        try {
            Locale.setDefault(Locale.GERMANY);
            german = markdown(tmp.resolve("de"));
        } finally {
            Locale.setDefault(before);
        }

        String root = markdown(tmp.resolve("root"));
        assertThat(root).contains("0.72");
        assertThat(german).isEqualTo(root);
    }

    private static String markdown(Path dir) throws Exception {
        return Files.readString(
                new ReportBuilder(data(18, 25), new PromotionRule(15, 20, 0.05))
                        .write(dir, null)
                        .markdown());
    }

    @Test
    void shouldShowEachStrategyAsADeskReadsItAndCompareTheSides() throws Exception {
        ReportData full = data(18, 25);
        List<JsonNode> production =
                List.of(
                        trade("follow-high", "HIGH", 0, 400, 5),
                        trade("follow-high", "VERY_HIGH", 1, -200, 5),
                        trade("follow-high", "HIGH", 2, 100, 5));
        List<JsonNode> shadow = List.of(trade("follow-high", "HIGH", 0, -50, 5));
        ReportData withStrategies =
                new ReportData(
                        full.production(),
                        full.shadow(),
                        full.rejections(),
                        full.pressure(),
                        full.bars5m(),
                        full.comparisons(),
                        full.summary(),
                        full.source(),
                        production,
                        shadow);
        ReportBuilder.Result r =
                new ReportBuilder(withStrategies, new PromotionRule(15, 20, 0.05)).write(tmp, null);
        assertChart(tmp.resolve("charts/strategy-equity.png"), Charts.PNL_WIDTH, Charts.PNL_HEIGHT);
        String md = Files.readString(r.markdown());
        assertThat(md)
                .contains("## Paper strategies")
                .as("net 285 after 3 x 5 USD costs; mean 95 with standard error 173")
                .contains("| follow-high | 3 | 285 | 95 ± 173 | 205 |")
                .contains("| follow-high | VERY_HIGH | 1 | -205 | -205 | 0 % |")
                .contains("| follow-high | 3 / 1 | 285 / -55 |");
        assertThat(Files.readString(r.html()))
                .contains("<h2 id=\"paper-strategies\">Paper strategies</h2>");
        JsonNode export = MAPPER.readTree(r.export().toFile());
        assertThat(io.instflow.testing.JsonSchemas.violations("export", export))
                .as("the strategies' figures (the hand-made signals are not whole signals)")
                .filteredOn(v -> v.startsWith("$.strategies"))
                .isEmpty();
        JsonNode high = export.path("strategies").path("production").path("follow-high");
        assertThat(high.path("round_trips").asInt()).isEqualTo(3);
        assertThat(high.path("net_usd").asDouble()).isEqualTo(285.0);
        assertThat(high.path("mean_trade_standard_error_usd").asDouble())
                .isCloseTo(300 / Math.sqrt(3), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(high.path("by_tier").path("VERY_HIGH").path("net_usd").asDouble())
                .isEqualTo(-205.0);
        assertThat(
                        export.path("strategies")
                                .path("candidate")
                                .path("follow-high")
                                .path("round_trips")
                                .asInt())
                .isEqualTo(1);
    }

    /** A round trip of {@code strategy} closing {@code n} minutes into the day. */
    private static JsonNode trade(String strategy, String tier, int n, double gross, double costs) {
        long exit = DAY_START + (n + 1) * 600_000_000_000L;
        return MAPPER.createObjectNode()
                .put("strategy", strategy)
                .put("signal_id", "s" + n)
                .put("tier", tier)
                .put("direction", "LONG")
                .put("contracts", 1)
                .put("entry_ts", exit - 300_000_000_000L)
                .put("entry_price", 21_000_000_000_000L)
                .put("exit_ts", exit)
                .put("exit_price", 21_010_000_000_000L)
                .put("exit_reason", "TARGET")
                .put("gross_usd", gross)
                .put("costs_usd", costs);
    }

    @Test
    void shouldNameTheHorizonsTheDataWasTooShortToJudge() throws Exception {
        ReportData full = data(18, 25);
        ReportData shortSession =
                new ReportData(
                        full.production(),
                        full.shadow(),
                        full.rejections(),
                        full.pressure(),
                        full.bars5m(),
                        full.comparisons().stream()
                                .filter(c -> c.path("horizon_minutes").asInt() != 30)
                                .toList(),
                        full.summary(),
                        full.source());
        ReportBuilder.Result r =
                new ReportBuilder(shortSession, new PromotionRule(15, 20, 0.05)).write(tmp, null);
        assertThat(Files.readString(r.html()))
                .contains("Not judged: production at +30 min; candidate at +30 min.");
        JsonNode unjudged =
                MAPPER.readTree(r.export().toFile())
                        .path("execution_summary")
                        .path("unjudged_horizons");
        assertThat(unjudged.path("production").toString()).isEqualTo("[30]");
        assertThat(unjudged.path("candidate").toString()).isEqualTo("[30]");
    }

    @Test
    void shouldMarkDegradedSignalsAndWindowsFromTheBackupSource() throws Exception {
        ObjectNode estimated =
                signal(4, "LONG", "MODERATE", 0.61)
                        .put("source", "BARCHART")
                        .put("degraded", true)
                        .put("delay_ms", 600_000L);
        estimated.put("raw_symbol", "NQZ6 C21100");
        ObjectNode estimatedWindow =
                pressure(21100, "CALL", 120, 0)
                        .put("source", "BARCHART")
                        .put("degraded", true)
                        .put("delay_ms", 600_000L);
        ReportData data =
                new ReportData(
                        List.of(signal(2, "LONG", "HIGH", 0.78), estimated),
                        List.of(),
                        List.of(),
                        List.of(pressure(21000, "CALL", 600, 4), estimatedWindow),
                        List.of(bar(0), bar(1)),
                        List.of(),
                        null,
                        "hand-made rows");
        String md =
                Files.readString(
                        new ReportBuilder(data, new PromotionRule(15, 20, 0.05))
                                .write(tmp, null)
                                .markdown());
        assertThat(md)
                .contains(
                        "DEGRADED DATA: 1 signals and 1 pressure windows come from the Barchart backup")
                .contains("NQZ6 C21100 (degraded, BARCHART, delayed 10 min)")
                .doesNotContain("NQZ6 C21000 (degraded");
    }

    @Test
    void shouldSayNothingOfDegradedDataWhenAllCameFromThePrimary() throws Exception {
        String md =
                Files.readString(
                        new ReportBuilder(data(18, 25), new PromotionRule(15, 20, 0.05))
                                .write(tmp, null)
                                .markdown());
        assertThat(md).doesNotContain("DEGRADED").doesNotContain("(degraded");
    }

    @Test
    void shouldStateThePromotionRuleWithoutClaimingSignificance() {
        PromotionRule rule = new PromotionRule(15, 20, 0.05);
        PromotionRule.Verdict better =
                rule.decide(OutcomeTable.of(data(18, 25).comparisons()), "production", "candidate");
        assertThat(better.decision()).isEqualTo(PromotionRule.PROMOTE);
        assertThat(better.explanation())
                .contains("0.72 vs 0.48")
                .contains("not a test of significance");

        PromotionRule.Verdict slightly =
                rule.decide(OutcomeTable.of(data(13, 25).comparisons()), "production", "candidate");
        assertThat(slightly.decision())
                .as("0.52 vs 0.48 is below the 0.05 gain")
                .isEqualTo(PromotionRule.KEEP);

        PromotionRule.Verdict few =
                rule.decide(OutcomeTable.of(data(10, 12).comparisons()), "production", "candidate");
        assertThat(few.decision()).isEqualTo(PromotionRule.UNDECIDED);
        assertThat(few.explanation()).contains("production 12, shadow 12, minimum 20");
    }

    @Test
    void shouldOpenInHeadlessChromiumAndRenderTheCharts() throws Exception {
        assumeThat(Files.isExecutable(CHROMIUM))
                .as("Debian's chromium at %s (.ci/run installs it)", CHROMIUM)
                .isTrue();
        ReportBuilder.Result r =
                new ReportBuilder(data(18, 25), new PromotionRule(15, 20, 0.05)).write(tmp, null);
        Path screenshot = tmp.resolve("page.png");
        Process chromium =
                new ProcessBuilder(
                                CHROMIUM.toString(),
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--hide-scrollbars",
                                "--enable-logging=stderr",
                                "--v=0",
                                "--window-size=1280,2400",
                                "--screenshot=" + screenshot,
                                r.html().toUri().toString())
                        .redirectErrorStream(true)
                        .redirectOutput(tmp.resolve("chromium.log").toFile())
                        .start();
        assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        String log = Files.readString(tmp.resolve("chromium.log"), StandardCharsets.UTF_8);
        assertThat(chromium.exitValue()).as(log).isZero();
        assertThat(log)
                .as("page errors in the console")
                .doesNotContain("Uncaught")
                .doesNotContain("Failed to load resource");
        BufferedImage page = ImageIO.read(screenshot.toFile());
        assertThat(page.getWidth()).isEqualTo(1280);
        assertThat(page.getHeight()).isEqualTo(2400);
        assertThat(colours(page))
                .as("a rendered page with charts, not a blank one")
                .isGreaterThan(50);
    }

    private static void assertChart(Path png, int width, int height) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as(png.toString()).isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        assertThat(colours(image)).as("%s has drawn content", png.getFileName()).isGreaterThan(10);
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
