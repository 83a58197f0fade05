package io.instflow.bench;

import io.instflow.avro.Direction;
import io.instflow.avro.Tier;
import io.instflow.contract.Topics;
import io.instflow.localkafka.LocalKafka;
import io.instflow.testing.HeadlessChromium;
import io.instflow.testing.OutputRecords;
import io.instflow.testing.TopicWriter;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard under 100,000 bar and signal records: a real local broker holds them, the service
 * runs as {@code instflow dashboard} in its own JVM capped at {@code -Xmx300m}, and headless
 * Chromium opens the page. Prints the service's time to read the history, the page's first full
 * render (navigation start to every panel drawn), and the service's heap after reading and after
 * serving the pages.
 *
 * <p>Usage: {@code bench/dashboard-load.sh [records] [history-per-partition] [page-loads]}.
 */
public final class DashboardLoad {

    private static final Topics TOPICS = Topics.unprefixed();

    private static final List<String> SYMBOLS = List.of("NQZ4", "NQH5", "NQM5", "NQU5");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int history = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int loads = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String cliJar = System.getProperty("instflow.cli.jar");
        String reason = HeadlessChromium.unavailableReason();
        if (reason != null || cliJar == null) {
            throw new IllegalStateException(
                    reason != null ? "needs " + reason : "set -Dinstflow.cli.jar");
        }
        LocalKafka kafka =
                LocalKafka.in(Files.createTempDirectory("instflow-dashboard-bench-"), 0)
                        .start(Duration.ofSeconds(120));
        Process service = null;
        try {
            produce(kafka.bootstrapServers(), records);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            long started = System.nanoTime();
            service =
                    new ProcessBuilder(
                                    "java",
                                    "-Xmx300m",
                                    "-jar",
                                    cliJar,
                                    "dashboard",
                                    "--bootstrap",
                                    kafka.bootstrapServers(),
                                    "--port",
                                    Integer.toString(port),
                                    "--history",
                                    Integer.toString(history))
                            .redirectErrorStream(true)
                            .redirectOutput(Files.createTempFile("dashboard-", ".log").toFile())
                            .start();
            URI url = URI.create("http://127.0.0.1:" + port + "/");
            awaitHistory(url);
            System.out.printf(
                    Locale.ROOT,
                    "service start to history read: %d ms (history up to %,d records per"
                            + " partition)%n",
                    (System.nanoTime() - started) / 1_000_000,
                    history);
            System.out.printf(
                    Locale.ROOT,
                    "snapshot: %,d bytes of JSON%n",
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(url.resolve("/api/snapshot")).build(),
                                    HttpResponse.BodyHandlers.ofByteArray())
                            .body()
                            .length);
            System.out.printf(
                    Locale.ROOT,
                    "service heap after reading the history: %s%n",
                    heap(service.pid()));
            try (HeadlessChromium chromium = HeadlessChromium.start(1400, 1000)) {
                WebDriver page = chromium.driver();
                for (int i = 1; i <= loads; i++) {
                    page.get("about:blank");
                    page.get(url.toString());
                    new WebDriverWait(page, Duration.ofSeconds(60))
                            .until(
                                    p ->
                                            "true"
                                                    .equals(
                                                            p.findElement(By.tagName("body"))
                                                                    .getDomAttribute(
                                                                            "data-rendered")));
                    Object ms =
                            ((JavascriptExecutor) page)
                                    .executeScript("return window.instflowFirstRenderMs");
                    System.out.printf(
                            Locale.ROOT,
                            "page load %d: first full render %.0f ms after navigation start"
                                    + " (%s bars, %s markers on the chart)%n",
                            i,
                            ((Number) ms).doubleValue(),
                            page.findElement(By.id("chart")).getDomAttribute("data-bars"),
                            page.findElement(By.id("chart")).getDomAttribute("data-markers"));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "service heap after %d page loads: %s%n",
                    loads,
                    heap(service.pid()));
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor();
            }
            kafka.stop();
        }
    }

    /** Bars (1- and 5-minute, four symbols) and signals, 70:30, ending now. */
    private static void produce(String bootstrap, int records) throws Exception {
        TopicWriter.createTopics(
                bootstrap,
                List.of(
                        TOPICS.bars(1),
                        TOPICS.bars(5),
                        TOPICS.signals(),
                        TOPICS.pressure(),
                        TOPICS.metrics(),
                        TOPICS.status()),
                2);
        int bars1m = records * 6 / 10 / SYMBOLS.size();
        int bars5m = records / 10 / SYMBOLS.size();
        int signals = records - (bars1m + bars5m) * SYMBOLS.size();
        long now = System.currentTimeMillis() / 1000 / 300 * 300;
        long started = System.nanoTime();
        try (TopicWriter writer = new TopicWriter(bootstrap)) {
            for (String symbol : SYMBOLS) {
                for (int i = bars1m; i >= 1; i--) {
                    writer.send(
                            TOPICS.bars(1),
                            symbol,
                            OutputRecords.bar(symbol, 60, now - i * 60L, 21_000 + (i % 50)));
                }
                for (int i = bars5m; i >= 1; i--) {
                    writer.send(
                            TOPICS.bars(5),
                            symbol,
                            OutputRecords.bar(symbol, 300, now - i * 300L, 21_000 + (i % 50)));
                }
            }
            for (int i = signals; i >= 1; i--) {
                String symbol = SYMBOLS.get(i % SYMBOLS.size());
                writer.send(
                        TOPICS.signals(),
                        symbol,
                        OutputRecords.signal(
                                "bench-" + i,
                                symbol,
                                20_000 + (i % 80) * 25,
                                now - i * 60L - 300,
                                i % 2 == 0 ? Direction.LONG : Direction.SHORT,
                                Tier.values()[i % 4]));
            }
            writer.flush();
        }
        System.out.printf(
                Locale.ROOT,
                "topics: %,d 1-minute bars, %,d 5-minute bars, %,d signals in %.1f s%n",
                bars1m * SYMBOLS.size(),
                bars5m * SYMBOLS.size(),
                signals,
                (System.nanoTime() - started) / 1e9);
    }

    private static void awaitHistory(URI url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String health =
                        http.send(
                                        HttpRequest.newBuilder(url.resolve("/api/health")).build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body();
                if (health.contains("\"historyLoaded\":true")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the service JVM is still starting
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the dashboard did not read its history within 120 s");
    }

    /** Heap in use after a full GC, from jcmd. */
    private static String heap(long pid) throws Exception {
        run("jcmd", Long.toString(pid), "GC.run");
        String info = run("jcmd", Long.toString(pid), "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        return m.find()
                ? String.format(
                        Locale.ROOT,
                        "%.1f MB used of a 300 MB cap",
                        Long.parseLong(m.group(1)) / 1024.0)
                : "unknown (" + info.strip() + ")";
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder out = new StringBuilder();
            in.lines().forEach(line -> out.append(line).append('\n'));
            p.waitFor();
            return out.toString();
        }
    }
}
