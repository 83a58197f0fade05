package io.instflow.barchart.client;

import io.instflow.barchart.chain.ChainNormaliser;
import io.instflow.barchart.chain.ChainSnapshot;
import io.instflow.barchart.chain.OptionQuote;
import io.instflow.barchart.futures.FuturesQuote;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OnDemand client against a local server answering in OnDemand's envelope (a {@code status}
 * object and a {@code results} list, fields as its published result classes name them), and with
 * its plain-text answer to a bad key. Its chains normalise like the website's.
 */
class OnDemandClientTest {

    private static final String KEY = "ondemand-secret-key-123";
    private static final String CHAIN =
            """
            {"status":{"code":200,"message":"Success."},"results":[
             {"symbol":"MQ4M21900C","root":"MQ4","contract":"MQ4M25","type":"Call","strike":21900,"last":120.5,"flag":"s",
              "bid":0,"ask":0,"volume":null,"openInterest":12,"tradeTimestamp":"2025-06-26T15:00:00-05:00","change":3.25},
             {"symbol":"MQ4M21900P","root":"MQ4","contract":"MQ4M25","type":"Put","strike":21900,"last":81.0,"flag":"",
              "bid":80.25,"ask":81.5,"volume":7,"openInterest":30,"tradeTimestamp":"2025-06-27T12:55:00-05:00",
              "delta":-0.41,"change":-2}]}""";
    private static final String QUOTE =
            """
            {"status":{"code":200,"message":"Success."},"results":[
             {"symbol":"NQU25","lastPrice":21950.25,"flag":"","bid":21950,"ask":21950.5,"previousClose":21900,
              "volume":120345,"openInterest":250000,"tradeTimestamp":"2025-06-27T12:55:00-05:00"}]}""";

    private final List<URI> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile String chainBody = CHAIN;
    private ManualClock clock;

    @BeforeEach
    void start() throws Exception {
        clock = new ManualClock(Instant.parse("2025-06-27T18:05:00Z"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext(
                "/",
                ex -> {
                    requests.add(ex.getRequestURI());
                    String path = ex.getRequestURI().getPath();
                    boolean keyOk = ex.getRequestURI().getQuery().contains("apikey=" + KEY);
                    String body =
                            !keyOk
                                    ? "API key is missing or not valid."
                                    : path.equals("/getQuote.json") ? QUOTE : chainBody;
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders()
                            .set("Content-Type", keyOk ? "application/json" : "text/plain");
                    ex.sendResponseHeaders(200, bytes.length);
                    ex.getResponseBody().write(bytes);
                    ex.close();
                });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private OnDemandClient client(String key) {
        WebConfig config =
                OnDemandClient.defaults()
                        .withBaseUrl(
                                URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                        .withMinInterval(Duration.ofSeconds(5));
        return new OnDemandClient(config, key, clock, clock, new SplittableRandom(2));
    }

    @Test
    void shouldGiveChainsThatNormaliseLikeTheWebsites() throws Exception {
        OnDemandClient client = client(KEY);
        ChainSnapshot s =
                ChainNormaliser.normalise(client.chain("MQ4M25"), "MQ4M25", clock.instant());
        assertThat(requests.get(0).getPath()).isEqualTo("/getFuturesOptions.json");
        assertThat(requests.get(0).getQuery()).contains("contract=MQ4M25");
        assertThat(s.quotes()).hasSize(2);
        OptionQuote call = s.quotes().get(0);
        assertThat(call.rawSymbol()).isEqualTo("QN4M5 C21900");
        assertThat(call.settlement()).isTrue();
        assertThat(call.bid()).isNull();
        assertThat(call.volume()).isNull();
        assertThat(call.openInterest()).isEqualTo(12);
        OptionQuote put = s.quotes().get(1);
        assertThat(put.rawSymbol()).isEqualTo("QN4M5 P21900");
        assertThat(put.bid()).isEqualTo(80.25);
        assertThat(put.lastTradeTime()).isEqualTo(Instant.parse("2025-06-27T17:55:00Z"));
        assertThat(put.sessionVolume()).isEqualTo(7);
        assertThat(put.delta()).isEqualTo(-0.41);
        assertThat(s.delay()).hasMinutes(10);
        assertThat(client.accessName()).isEqualTo("ondemand");
    }

    @Test
    void shouldQuoteFutures() throws Exception {
        List<FuturesQuote> quotes = client(KEY).futures(List.of("NQU25"));
        assertThat(quotes)
                .singleElement()
                .satisfies(
                        q -> {
                            assertThat(q.symbol()).isEqualTo("NQU5");
                            assertThat(q.last()).isEqualTo(21_950.25);
                            assertThat(q.previousSettlement()).isEqualTo(21_900.0);
                            assertThat(q.lastTradeTime())
                                    .isEqualTo(Instant.parse("2025-06-27T17:55:00Z"));
                        });
    }

    @Test
    void shouldCallABadKeyBlockedWithoutPrintingIt() {
        String wrong = "wrong-key-987";
        assertThatThrownBy(() -> client(wrong).chain("MQ4M25"))
                .isInstanceOfSatisfying(
                        BarchartException.class,
                        e -> {
                            assertThat(e.kind()).isEqualTo(FailureKind.BLOCKED);
                            assertThat(e.getMessage())
                                    .contains(OnDemandClient.KEY_VARIABLE)
                                    .doesNotContain(wrong);
                            assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(5));
                        });
        assertThatThrownBy(
                        () ->
                                new OnDemandClient(
                                        OnDemandClient.defaults(),
                                        " ",
                                        clock,
                                        clock,
                                        new SplittableRandom(1)))
                .hasMessageContaining(OnDemandClient.KEY_VARIABLE);
    }

    @Test
    void shouldCallAnEmptyChainNotFound() {
        chainBody = "{\"status\":{\"code\":204,\"message\":\"No Content.\"},\"results\":null}";
        assertThatThrownBy(() -> client(KEY).chain("MQ4M25"))
                .isInstanceOfSatisfying(
                        BarchartException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.NOT_FOUND));
    }
}
