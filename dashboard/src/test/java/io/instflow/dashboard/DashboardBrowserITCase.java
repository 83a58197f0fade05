package io.instflow.dashboard;

import io.instflow.avro.Direction;
import io.instflow.avro.FeedStatusKind;
import io.instflow.avro.OptionType;
import io.instflow.avro.Tier;
import io.instflow.dashboard.feed.DashboardTopics;
import io.instflow.dashboard.feed.DatabentoHistory;
import io.instflow.dashboard.feed.DatabentoHistoryTest;
import io.instflow.testing.FakeHistoricalApi;
import io.instflow.testing.HeadlessChromium;
import io.instflow.testing.KafkaBroker;
import io.instflow.testing.SharedTestData;
import io.instflow.testing.TopicWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.instflow.testing.OutputRecords.bar;
import static io.instflow.testing.OutputRecords.metric;
import static io.instflow.testing.OutputRecords.pressure;
import static io.instflow.testing.OutputRecords.signal;
import static io.instflow.testing.OutputRecords.status;
import static io.instflow.testing.OutputRecords.strategyTrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The dashboard in headless Chromium, fed by a real broker: candles from the topics' history, a
 * signal produced afterwards appearing as a marker within 2 s, the ladder of the current window,
 * the candle in progress moving with the trades, and the page saying when data is only historical;
 * and, with Kafka unreachable, Databento's 1-minute bars labelled HISTORICAL. Saves screenshots to
 * {@code target/dashboard.png} and {@code target/dashboard-fallback.png}.
 */
class DashboardBrowserITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    private static final String NQ = "NQZ4";
    private static final Duration STALE_AFTER = Duration.ofSeconds(4);

    @Test
    void shouldDrawTheTopicsAndFollowThemLive() throws Exception {
        String reason = HeadlessChromium.unavailableReason();
        assumeThat(reason).as("headless Chromium needs %s", reason).isNull();
        String prefix = KAFKA.uniqueTopicPrefix();
        long now = System.currentTimeMillis() / 1000 / 300 * 300;
        TopicWriter.createTopics(
                KAFKA.bootstrapServers(), new DashboardTopics(prefix, prefix).all(), 2);
        try (TopicWriter producer = new TopicWriter(KAFKA.bootstrapServers())) {
            for (int i = 40; i >= 1; i--) {
                producer.send(
                        prefix + "bars.1m", null, bar(NQ, 60, now - i * 60L, 21_000 + (i % 7) * 3));
            }
            for (int i = 8; i >= 1; i--) {
                producer.send(
                        prefix + "bars.5m", null, bar(NQ, 300, now - i * 300L, 21_000 + i * 4));
            }
            producer.send(
                    prefix + "ifd.signals",
                    null,
                    signal("history-1", NQ, 21_000, now - 1200, Direction.LONG, Tier.HIGH));
            producer.send(
                    prefix + "ifd.pressure",
                    null,
                    pressure(1, NQ, 21_000, OptionType.CALL, now - 600, 50, 5));
            producer.send(
                    prefix + "ifd.pressure",
                    null,
                    pressure(2, NQ, 21_000, OptionType.PUT, now - 600, 4, 30));
            producer.send(
                    prefix + "ifd.pressure",
                    null,
                    pressure(3, NQ, 20_975, OptionType.CALL, now - 600, 8, 9));
            producer.send(
                    prefix + "ifd.metrics",
                    null,
                    metric(
                            "records_per_second",
                            123_456,
                            Map.of("subtask", "0"),
                            System.currentTimeMillis()));
            producer.send(
                    prefix + "ifd.metrics",
                    null,
                    metric(
                            "checkpoint_completed",
                            17,
                            Map.of("subtask", "0"),
                            System.currentTimeMillis()));
            producer.send(
                    prefix + "md.glbx-mdp3.status",
                    null,
                    status(FeedStatusKind.STREAMING, System.currentTimeMillis()));
            producer.send(
                    prefix + "strategy.pnl",
                    "follow-high",
                    strategyTrade("t1", "follow-high", 395, now - 900));
            producer.send(
                    prefix + "strategy.pnl",
                    "follow-high",
                    strategyTrade("t2", "follow-high", -205, now - 300));
            producer.flush();

            Dashboard.Options options =
                    Dashboard.Options.defaults(KAFKA.bootstrapServers())
                            .withPort(0)
                            .withPrefixes(prefix, prefix)
                            .withStaleAfter(STALE_AFTER);
            try (Dashboard dashboard = Dashboard.start(options);
                    HeadlessChromium chromium = HeadlessChromium.start(1400, 1000)) {
                WebDriver page = chromium.driver();
                page.get(dashboard.url().toString());
                await(
                        page,
                        Duration.ofSeconds(30),
                        "the first full render",
                        p ->
                                "true"
                                        .equals(
                                                p.findElement(By.tagName("body"))
                                                        .getDomAttribute("data-rendered")));

                assertThat(chart(page, "data-bars")).isEqualTo("40");
                assertThat(chart(page, "data-markers")).isEqualTo("1");
                assertThat(chart(page, "data-symbol")).isEqualTo(NQ);
                assertThat(page.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
                assertThat(text(page, By.cssSelector("#ladder tr[data-strike='21000']")))
                        .contains("50 / 5")
                        .contains("4 / 30");
                assertThat(page.findElements(By.cssSelector("#ladder tbody tr"))).hasSize(2);
                assertThat(page.findElements(By.cssSelector("#signals tbody tr"))).hasSize(1);
                assertThat(text(page, By.cssSelector("#health [data-job='ifd-production']")))
                        .contains("123456")
                        .contains("#17");
                assertThat(
                                text(
                                        page,
                                        By.cssSelector(
                                                "#strategies tr[data-strategy='follow-high']")))
                        .as("two round trips, 190 USD net, 205 drawn down, one of two won")
                        .contains("2")
                        .contains("190")
                        .contains("205")
                        .contains("50 %");
                assertThat(
                                text(
                                        page,
                                        By.cssSelector(
                                                "#strategies tr[data-strategy='follow-high'] .per-trip")))
                        .as("95 a trip, standard error 424 / sqrt(2)")
                        .isEqualTo("95 ± 300");
                assertThat(
                                text(
                                        page,
                                        By.cssSelector(
                                                "#strategies tr[data-strategy='follow-high'] .win-loss")))
                        .isEqualTo("395 / -205");
                assertThat(
                                text(
                                        page,
                                        By.cssSelector(
                                                "#strategies tr[data-strategy='follow-high'] [data-tier='HIGH']")))
                        .isEqualTo("HIGH 2 · 190 · 50 %");
                assertThat(
                                page.findElements(
                                        By.cssSelector(
                                                "#strategies tr[data-strategy='follow-high'] svg polyline")))
                        .hasSize(1);
                assertThat(page.findElement(By.id("status")).getDomAttribute("data-state"))
                        .as("history alone is not live")
                        .isEqualTo("historical");
                assertThat(text(page, By.id("status"))).contains("HISTORICAL");

                long sent = System.nanoTime();
                producer.send(
                        prefix + "ifd.signals",
                        null,
                        signal("live-1", NQ, 21_050, now - 600, Direction.SHORT, Tier.EXTREME));
                producer.flush();
                await(
                        page,
                        Duration.ofSeconds(10),
                        "the live signal's marker",
                        p -> "2".equals(chart(p, "data-markers")));
                long markerMs = (System.nanoTime() - sent) / 1_000_000;
                assertThat(markerMs)
                        .as("signal on the topic to marker on the page, ms")
                        .isLessThan(2_000);
                assertThat(page.findElements(By.cssSelector("#signals tbody tr"))).hasSize(2);

                producer.send(
                        prefix + "ifd.pressure",
                        null,
                        pressure(4, NQ, 21_100, OptionType.CALL, now - 300, 77, 3));
                producer.flush();
                await(
                        page,
                        Duration.ofSeconds(10),
                        "the ladder of the new window",
                        p ->
                                Long.toString(now)
                                        .equals(
                                                p.findElement(By.id("ladder"))
                                                        .getDomAttribute("data-window-end")));
                assertThat(page.findElements(By.cssSelector("#ladder tbody tr"))).hasSize(1);
                assertThat(text(page, By.cssSelector("#ladder tr[data-strike='21100']")))
                        .contains("77 / 3");
                assertThat(page.findElement(By.id("status")).getDomAttribute("data-state"))
                        .isEqualTo("live");

                producer.send(prefix + "bars.forming", null, bar(NQ, 60, now, 21_010));
                producer.flush();
                await(
                        page,
                        Duration.ofSeconds(10),
                        "the forming candle",
                        p -> Long.toString(now).equals(chart(p, "data-forming-time")));
                producer.send(prefix + "bars.forming", null, bar(NQ, 60, now, 21_030));
                producer.flush();
                await(
                        page,
                        Duration.ofSeconds(10),
                        "the forming candle moving with a trade",
                        p -> "21030".equals(chart(p, "data-forming-close")));
                assertThat(chart(page, "data-bars")).isEqualTo("40");
                producer.send(prefix + "bars.1m", null, bar(NQ, 60, now, 21_020));
                producer.flush();
                await(
                        page,
                        Duration.ofSeconds(10),
                        "the closed bar replacing the forming one",
                        p -> "41".equals(chart(p, "data-bars")));
                assertThat(chart(page, "data-forming-time")).isEmpty();

                Path screenshot = Path.of("target", "dashboard.png");
                Files.write(screenshot, chromium.screenshotPng());
                assertNotBlank(
                        ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(screenshot))));

                var estimate = pressure(5, NQ, 21_150, OptionType.CALL, now, 120, 0);
                estimate.setSource("BARCHART");
                estimate.setDegraded(true);
                estimate.setDelayMs(600_000L);
                var degraded = signal("degraded-1", NQ, 21_150, now, Direction.LONG, Tier.MODERATE);
                degraded.setMetrics(estimate);
                producer.send(prefix + "ifd.pressure", null, estimate);
                producer.send(prefix + "ifd.signals", null, degraded);
                producer.flush();
                await(
                        page,
                        Duration.ofSeconds(10),
                        "the degraded ladder",
                        p ->
                                "true"
                                        .equals(
                                                p.findElement(By.id("ladder"))
                                                        .getDomAttribute("data-degraded")));
                assertThat(text(page, By.id("ladder-degraded")))
                        .isEqualTo("DEGRADED · BARCHART, delayed 10 min · estimated split");
                await(
                        page,
                        Duration.ofSeconds(10),
                        "the degraded signal in the table",
                        p -> p.findElements(By.cssSelector("#signals tbody tr")).size() == 3);
                assertThat(text(page, By.cssSelector("#signals tr[data-id='degraded-1']")))
                        .contains("(degraded, BARCHART)");

                page.findElement(By.id("tf-5m")).click();
                await(
                        page,
                        Duration.ofSeconds(5),
                        "the 5-minute bars",
                        p -> "8".equals(chart(p, "data-bars")));

                await(
                        page,
                        STALE_AFTER.plusSeconds(10),
                        "the historical notice",
                        p ->
                                "historical"
                                        .equals(
                                                p.findElement(By.id("status"))
                                                        .getDomAttribute("data-state")));
                assertThat(text(page, By.id("status")))
                        .contains("HISTORICAL")
                        .contains("No live data for")
                        .contains("last bar");
                assertThat(chart(page, "data-bars"))
                        .as("the last known data stays on the page")
                        .isEqualTo("8");
            }
        }
    }

    @Test
    void shouldFallBackToDatabentosBarsWhenKafkaIsUnreachable() throws Exception {
        String reason = HeadlessChromium.unavailableReason();
        assumeThat(reason).as("headless Chromium needs %s", reason).isNull();
        byte[] ohlcv = Files.readAllBytes(SharedTestData.file(DatabentoHistoryTest.OHLCV));
        String unreachable = "127.0.0.1:" + closedPort();
        try (FakeHistoricalApi api = new FakeHistoricalApi(Map.of("ohlcv-1m", ohlcv));
                Dashboard dashboard =
                        Dashboard.start(
                                Dashboard.Options.defaults(unreachable)
                                        .withPort(0)
                                        .withFallback(
                                                DatabentoHistory.frontNq(
                                                        DatabentoHistoryTest.client(api))));
                HeadlessChromium chromium = HeadlessChromium.start(1400, 1000)) {
            WebDriver page = chromium.driver();
            page.get(dashboard.url().toString());
            await(
                    page,
                    Duration.ofSeconds(30),
                    "Databento's bars on the page",
                    p -> p.findElements(By.cssSelector("#symbol option")).size() == 2);
            assertThat(page.findElement(By.id("status")).getDomAttribute("data-state"))
                    .isEqualTo("historical");
            await(
                    page,
                    Duration.ofSeconds(5),
                    "the banner naming the fallback's source (with the next heartbeat)",
                    p -> text(p, By.id("status")).contains("History from"));
            assertThat(text(page, By.id("status")))
                    .startsWith("HISTORICAL")
                    .contains("Kafka at " + unreachable + " is unreachable")
                    .contains(
                            "History from Databento GLBX.MDP3 ohlcv-1m of NQ.c.0 (20 1-minute bars)")
                    .contains("last bar 2024-05-09 10:04 UTC");
            assertThat(api.forms()).hasSize(1);

            new Select(page.findElement(By.id("symbol"))).selectByValue("NQM4");
            await(
                    page,
                    Duration.ofSeconds(5),
                    "the NQM4 bars",
                    p -> "NQM4".equals(chart(p, "data-symbol")));
            assertThat(chart(page, "data-bars")).isEqualTo("10");
            Files.write(Path.of("target", "dashboard-fallback.png"), chromium.screenshotPng());
            page.findElement(By.id("tf-5m")).click();
            await(
                    page,
                    Duration.ofSeconds(5),
                    "the 5-minute bars built from Databento's",
                    p -> "2".equals(chart(p, "data-bars")));
        }
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * An element's text, read again when a re-render replaced the element between finding and
     * reading it.
     */
    private static String text(WebDriver page, By element) {
        return new WebDriverWait(page, Duration.ofSeconds(5), Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class)
                .until(p -> p.findElement(element).getText());
    }

    private static String chart(WebDriver page, String attribute) {
        return page.findElement(By.id("chart")).getDomAttribute(attribute);
    }

    private static void await(
            WebDriver page,
            Duration timeout,
            String what,
            java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(page, timeout, Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class)
                .withMessage("waiting for " + what)
                .until(condition);
    }

    /** Many colours, and the long candles' green among them. */
    private static void assertNotBlank(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        boolean longColour = false;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                longColour |=
                        Math.abs(r - 0x26) < 12
                                && Math.abs(g - 0xa6) < 12
                                && Math.abs(b - 0x9a) < 12;
            }
        }
        assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(50);
        assertThat(longColour).as("candles drawn in the long colour").isTrue();
    }
}
