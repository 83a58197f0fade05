package io.instflow.databento;

import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.dbn.record.TradeDecoder;
import io.instflow.testing.SharedTestData;

import com.github.luben.zstd.Zstd;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The historical client against a local HTTP server serving real DBN bodies. */
class HistoricalClientTest {

    static final String KEY = "db-unittestapikey1234567890FFFFF";

    private HttpServer server;
    private final List<String> forms = new CopyOnWriteArrayList<>();
    private final List<String> auths = new CopyOnWriteArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private volatile List<Response> script;
    private volatile int served;

    record Response(int status, byte[] body, String warning, String retryAfter) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v0/timeseries.get_range", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        auths.add(exchange.getRequestHeaders().getFirst("Authorization"));
        Response r = script.get(Math.min(served++, script.size() - 1));
        if (r.warning() != null) {
            exchange.getResponseHeaders().add("X-Warning", r.warning());
        }
        if (r.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", r.retryAfter());
        }
        exchange.sendResponseHeaders(r.status(), r.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(r.body());
        }
    }

    private HistoricalClient client() {
        return new HistoricalClient(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                ApiKey.of(KEY),
                new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), 0, 3),
                sleeps::add);
    }

    private static HistoricalRequest request(String schema) {
        return new HistoricalRequest(
                "GLBX.MDP3", schema, List.of("ESH1"), "raw_symbol", "2020-12-28", "2020-12-29", 4L);
    }

    @Test
    void shouldPostTheFormWithBasicAuthAndDecodeTheStreamedBody() throws IOException {
        byte[] body =
                Files.readAllBytes(
                        SharedTestData.file(
                                "databento/databento-python/GLBX.MDP3/test_data.mbo.dbn.zst"));
        script =
                List.of(
                        new Response(
                                200, body, "[\"BDOWarning: some symbols were not found\"]", null));
        List<Long> orders = new ArrayList<>();
        HistoricalClient.Result result =
                client().getRange(
                                request("mbo"),
                                new RecordHandler() {
                                    @Override
                                    public void onMbo(MboDecoder r) {
                                        orders.add(r.orderId());
                                    }
                                });
        assertThat(result.records()).isEqualTo(4);
        assertThat(orders)
                .containsExactly(647784248135L, 647782686353L, 647782884482L, 647782912367L);
        assertThat(result.metadata().symbols()).containsExactly("ESH1");
        assertThat(result.warnings()).containsExactly("BDOWarning: some symbols were not found");
        assertThat(forms.get(0))
                .isEqualTo(
                        "dataset=GLBX.MDP3&schema=mbo&symbols=ESH1&stype_in=raw_symbol"
                                + "&stype_out=instrument_id&start=2020-12-28&end=2020-12-29&limit=4&encoding=dbn&compression=zstd");
        assertThat(auths.get(0))
                .isEqualTo(
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (KEY + ":").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldRetryAfterA503() throws IOException {
        byte[] body =
                Files.readAllBytes(
                        SharedTestData.file("databento/databento-rs/test_data.trades.dbn.zst"));
        script =
                List.of(
                        new Response(
                                503,
                                "{\"detail\":\"Service unavailable\"}"
                                        .getBytes(StandardCharsets.UTF_8),
                                null,
                                "1"),
                        new Response(200, body, null, null));
        long[] trades = new long[1];
        HistoricalClient.Result result =
                client().getRange(
                                request("trades"),
                                new RecordHandler() {
                                    @Override
                                    public void onTrade(TradeDecoder r) {
                                        trades[0]++;
                                    }
                                });
        assertThat(trades[0]).isEqualTo(2);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
        assertThat(forms).hasSize(2);
    }

    @Test
    void shouldDecodeAMultiFrameZstdBody() throws IOException {
        byte[] plain;
        try (var in =
                new com.github.luben.zstd.ZstdInputStream(
                        Files.newInputStream(
                                SharedTestData.file(
                                        "glbx/nautilus_trader/esh4-glbx-mdp3-20231224.mbo.dbn.zst")))) {
            plain = in.readAllBytes();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int third = plain.length / 3;
        body.writeBytes(Zstd.compress(java.util.Arrays.copyOfRange(plain, 0, third), 3));
        body.writeBytes(Zstd.compress(java.util.Arrays.copyOfRange(plain, third, 2 * third), 3));
        body.writeBytes(
                Zstd.compress(java.util.Arrays.copyOfRange(plain, 2 * third, plain.length), 3));
        script = List.of(new Response(200, body.toByteArray(), null, null));
        long[] mbo = new long[1];
        client().getRange(
                        request("mbo"),
                        new RecordHandler() {
                            @Override
                            public void onMbo(MboDecoder r) {
                                mbo[0]++;
                            }
                        });
        assertThat(mbo[0]).isEqualTo(8725);
    }

    @Test
    void shouldExplainARefusedRequestWithoutRetryingOrShowingTheKey() {
        script =
                List.of(
                        new Response(
                                401,
                                "{\"detail\":\"Authentication failed.\"}"
                                        .getBytes(StandardCharsets.UTF_8),
                                null,
                                null));
        assertThatThrownBy(() -> client().getRange(request("mbo"), new RecordHandler() {}))
                .isInstanceOf(HistoricalApiException.class)
                .hasMessageContaining("HTTP 401: Authentication failed.")
                .hasMessageContaining("DATABENTO_API_KEY")
                .hasMessageNotContaining(KEY);
        assertThat(forms).hasSize(1);
    }

    @Test
    void shouldNeverShowTheKeyFromAServerThatEchoesTheRequest() {
        String basic =
                java.util.Base64.getEncoder()
                        .encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
        String echo =
                "POST /v0/timeseries.get_range\nAuthorization: Basic "
                        + basic
                        + "\nX-Key: "
                        + KEY
                        + "\n"
                        + "x".repeat(5000);
        script = List.of(new Response(400, echo.getBytes(StandardCharsets.UTF_8), null, null));
        assertThatThrownBy(() -> client().getRange(request("mbo"), new RecordHandler() {}))
                .isInstanceOf(HistoricalApiException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageNotContaining(KEY)
                .hasMessageNotContaining(basic)
                .satisfies(
                        e ->
                                assertThat(e.getMessage().length())
                                        .isLessThan(HistoricalClient.DETAIL_LIMIT + 200));
    }

    @Test
    void shouldRefusePlainHttpBeyondThisMachine() {
        assertThatThrownBy(() -> HistoricalClient.create("http://hist.example.com", ApiKey.of(KEY)))
                .hasMessageContaining("https://")
                .hasMessageNotContaining(KEY);
        assertThat(HistoricalClient.create("https://hist.example.com", ApiKey.of(KEY))).isNotNull();
    }

    @Test
    void shouldGiveUpAfterTheRetryLimit() {
        script =
                List.of(
                        new Response(
                                500,
                                "{\"detail\":\"Internal error\"}".getBytes(StandardCharsets.UTF_8),
                                null,
                                null));
        assertThatThrownBy(() -> client().getRange(request("mbo"), new RecordHandler() {}))
                .hasMessageContaining("HTTP 500: Internal error")
                .hasMessageContaining("after 4 attempts");
        assertThat(forms).hasSize(4);
        assertThat(sleeps)
                .containsExactly(
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void shouldAnswerARepeatedSettledRequestFromTheCacheWithTheSameRecords(@TempDir Path tmp)
            throws IOException {
        byte[] body =
                Files.readAllBytes(
                        SharedTestData.file(
                                "databento/databento-python/GLBX.MDP3/test_data.mbo.dbn.zst"));
        script = List.of(new Response(200, body, null, null));
        HistoricalCache cache = new HistoricalCache(tmp);
        HistoricalClient client = client().withCache(cache);
        List<Long> first = new ArrayList<>();
        HistoricalClient.Result fetched = client.getRange(request("mbo"), orders(first));
        HistoricalRequest reordered =
                new HistoricalRequest(
                        "GLBX.MDP3",
                        "mbo",
                        List.of("ESH1", "ESH1"),
                        "raw_symbol",
                        "2020-12-28",
                        "2020-12-29",
                        4L);
        List<Long> second = new ArrayList<>();
        HistoricalClient.Result cached = client.getRange(reordered, orders(second));

        assertThat(fetched.cached()).isFalse();
        assertThat(cached.cached()).isTrue();
        assertThat(served).as("requests that reached the API").isEqualTo(1);
        assertThat(second).hasSize(4).isEqualTo(first);
        assertThat(cached.metadata().symbols()).containsExactly("ESH1");
        assertThat(cache.list())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.bytes()).isEqualTo(body.length);
                            assertThat(e.records()).isEqualTo(4);
                            assertThat(e.symbols()).containsExactly("ESH1");
                            assertThat(e.schema()).isEqualTo("mbo");
                        });
    }

    @Test
    void shouldKeepNeitherAnOpenOrRecentRangeNorABrokenBody(@TempDir Path tmp) throws IOException {
        byte[] body =
                Files.readAllBytes(
                        SharedTestData.file(
                                "databento/databento-python/GLBX.MDP3/test_data.mbo.dbn.zst"));
        HistoricalCache cache = new HistoricalCache(tmp);
        HistoricalClient client = client().withCache(cache);
        script = List.of(new Response(200, body, null, null));
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        for (String end : new String[] {null, today}) {
            HistoricalRequest open =
                    new HistoricalRequest(
                            "GLBX.MDP3",
                            "mbo",
                            List.of("ESH1"),
                            "raw_symbol",
                            "2020-12-28",
                            end,
                            null);
            client.getRange(open, orders(new ArrayList<>()));
            client.getRange(open, orders(new ArrayList<>()));
        }
        assertThat(served).isEqualTo(4);
        assertThat(cache.list()).isEmpty();

        script =
                List.of(
                        new Response(
                                200, java.util.Arrays.copyOf(body, body.length / 2), null, null));
        assertThatThrownBy(() -> client.getRange(request("mbo"), orders(new ArrayList<>())))
                .isInstanceOf(RuntimeException.class);
        assertThat(cache.list()).isEmpty();
        try (var files = Files.walk(tmp)) {
            assertThat(files.filter(Files::isRegularFile)).as("no partial file left").isEmpty();
        }
    }

    @Test
    void shouldReadEveryTimeFormOfTheApiWhenJudgingWhetherARangeHasSettled() {
        java.time.Instant now = java.time.Instant.parse("2026-11-26T12:00:00Z");
        for (String end :
                List.of(
                        "2026-11-25",
                        "2026-11-25T11:59:00Z",
                        "2026-11-25T11:00",
                        "1764071940000000000")) {
            assertThat(HistoricalCache.cacheable(range(end), now)).as(end).isTrue();
        }
        for (String end :
                List.of(
                        "2026-11-26",
                        "2026-11-25T12:30:00Z",
                        "2026-11-25T13:00:00+00:00",
                        "soon")) {
            assertThat(HistoricalCache.cacheable(range(end), now)).as(end).isFalse();
        }
    }

    private static HistoricalRequest range(String end) {
        return new HistoricalRequest(
                "GLBX.MDP3", "trades", List.of("NQ.OPT"), "parent", "2026-11-01", end, null);
    }

    private static RecordHandler orders(List<Long> into) {
        return new RecordHandler() {
            @Override
            public void onMbo(MboDecoder r) {
                into.add(r.orderId());
            }
        };
    }
}
