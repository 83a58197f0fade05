package io.instflow.dashboard.server;

import io.instflow.avro.Direction;
import io.instflow.avro.Tier;
import io.instflow.dashboard.state.DashboardState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.instflow.testing.OutputRecords.bar;
import static io.instflow.testing.OutputRecords.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The endpoints over real HTTP, with the state fed directly. */
class DashboardServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DashboardState state;
    private EventHub hub;
    private DashboardServer server;

    @BeforeEach
    void start() throws Exception {
        state = new DashboardState(100, 500, 60_000, System.currentTimeMillis());
        hub =
                new EventHub(
                        () -> Frames.frame("snapshot", state.snapshot(System.currentTimeMillis())));
        server = new DashboardServer("127.0.0.1", 0, state, hub);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldServeThePageAndItsBundledAssets() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<div id=\"chart\"").contains("/static/dashboard.js");

        HttpResponse<String> script = get("/static/dashboard.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body())
                .as("lightweight-charts bundled, no CDN")
                .hasSizeGreaterThan(100_000)
                .doesNotContain("https://cdn")
                .doesNotContain("unpkg.com");
        assertThat(get("/static/style.css").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerUnknownPathsAndMethodsWithClearErrors() throws Exception {
        HttpResponse<String> missing = get("/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("/nope");
        assertThat(get("/static/../pom.xml").statusCode()).isEqualTo(404);
        HttpResponse<String> post =
                http.send(
                        HttpRequest.newBuilder(url("/api/snapshot"))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void shouldRefuseOtherSitesHostsAndOriginsOnALoopbackBind() throws Exception {
        assertThat(raw("GET", "/api/health", "localhost:" + server.port(), null))
                .startsWith("HTTP/1.1 200");
        assertThat(raw("GET", "/api/health", "evil.example:" + server.port(), null))
                .startsWith("HTTP/1.1 403")
                .contains("is not this machine's");
        assertThat(raw("GET", "/api/health", "127.0.0.1:" + server.port(), "http://evil.example"))
                .startsWith("HTTP/1.1 403");
        assertThat(
                        raw(
                                "GET",
                                "/api/health",
                                "127.0.0.1:" + server.port(),
                                "http://localhost:" + server.port()))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void shouldRequireATokenBeyondLoopbackAndAcceptItAsHeaderQueryOrCookie() throws Exception {
        assertThatThrownBy(() -> new DashboardServer("0.0.0.0", 0, state, hub))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a token")
                .hasMessageContaining("--token");
        assertThatThrownBy(() -> new DashboardServer("0.0.0.0", 0, state, hub, "short"))
                .hasMessageContaining("at least 16 characters");
        String token = "s3cret-token-0123456789";
        try (DashboardServer open = new DashboardServer("0.0.0.0", 0, state, hub, token)) {
            String base = "http://127.0.0.1:" + open.port();
            HttpResponse<String> none =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/api/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).contains("?token=").doesNotContain(token);
            HttpResponse<String> wrong =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/api/health"))
                                    .header("Authorization", "Bearer " + token + "x")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> bearer =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/api/health"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(bearer.statusCode()).isEqualTo(200);
            HttpResponse<String> page =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/?token=" + token)).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("instflow_token=" + token).contains("HttpOnly");
            HttpResponse<String> withCookie =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/api/snapshot"))
                                    .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(withCookie.statusCode())
                    .as("the page's own requests, its event stream included")
                    .isEqualTo(200);
        }
    }

    @Test
    void shouldAnswerHeadWithHeadersOnly() throws Exception {
        String head = raw("HEAD", "/api/health", "localhost:" + server.port(), null);
        assertThat(head)
                .startsWith("HTTP/1.1 200")
                .containsIgnoringCase("content-type: application/json");
        assertThat(head.substring(head.indexOf("\r\n\r\n") + 4)).isEmpty();
    }

    @Test
    void shouldRefuseEventStreamsBeyondTheCap() throws Exception {
        List<java.net.Socket> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < DashboardServer.MAX_STREAMS; i++) {
                java.net.Socket s = new java.net.Socket("127.0.0.1", server.port());
                s.getOutputStream()
                        .write(
                                ("GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
                                        .getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                open.add(s);
                BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).as("stream %d", i).startsWith("HTTP/1.1 200");
            }
            assertThat(raw("GET", "/api/events", "localhost", null)).startsWith("HTTP/1.1 503");
        } finally {
            for (java.net.Socket s : open) {
                s.close();
            }
        }
    }

    /** A request as raw bytes, so that Host and Origin are what the test says; the whole answer. */
    private String raw(String method, String path, String host, String origin) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            String request =
                    method
                            + " "
                            + path
                            + " HTTP/1.1\r\nHost: "
                            + host
                            + "\r\n"
                            + (origin == null ? "" : "Origin: " + origin + "\r\n")
                            + "Connection: close\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldServeTheSnapshotAndHealthAsJson() throws Exception {
        state.apply(bar("NQZ4", 60, 600, 21_000), 1);
        state.apply(bar("NQZ4", 300, 600, 21_000), 1);
        state.apply(signal("s1", "NQZ4", 21_000, 600, Direction.LONG, Tier.EXTREME), 1);
        state.markHistoryLoaded();

        JsonNode snapshot = JSON.readTree(get("/api/snapshot").body());
        assertThat(snapshot.at("/bars/1m/NQZ4/0/close").asDouble()).isEqualTo(21_000.0);
        assertThat(snapshot.at("/bars/5m/NQZ4/0/interval").asInt()).isEqualTo(300);
        assertThat(snapshot.at("/signals/0/tier").asText()).isEqualTo("EXTREME");
        assertThat(snapshot.at("/signals/0/reasons").size()).isGreaterThan(2);
        assertThat(snapshot.get("historyLoaded").asBoolean()).isTrue();

        JsonNode health = JSON.readTree(get("/api/health").body());
        assertThat(health.get("mode").asText())
                .as("history only: nothing live has arrived")
                .isEqualTo("HISTORICAL");
        assertThat(health.has("quietForMs")).isTrue();
    }

    @Test
    void shouldStreamASnapshotThenUpdatesAsServerSentEvents() throws Exception {
        state.apply(bar("NQZ4", 60, 600, 21_000), 1);
        state.markHistoryLoaded();
        state.drainUpdate();
        HttpResponse<java.io.InputStream> response =
                http.send(
                        HttpRequest.newBuilder(url("/api/events")).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (BufferedReader events =
                new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<String> first = nextEvent(events);
            assertThat(first.get(0)).isEqualTo("event: snapshot");
            assertThat(
                            JSON.readTree(first.get(1).substring("data: ".length()))
                                    .at("/bars/1m/NQZ4")
                                    .size())
                    .isEqualTo(1);

            state.apply(bar("NQZ4", 60, 660, 21_004), 2);
            hub.publish(Frames.frame("update", state.drainUpdate()));
            List<String> next = nextEvent(events);
            assertThat(next.get(0)).isEqualTo("event: update");
            JsonNode update = JSON.readTree(next.get(1).substring("data: ".length()));
            assertThat(update.at("/bars/0/time").asLong()).isEqualTo(660);
            assertThat(update.at("/bars").size()).isEqualTo(1);
        }
    }

    private static List<String> nextEvent(BufferedReader in) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isEmpty()) {
                if (!lines.isEmpty()) {
                    return lines;
                }
            } else if (!line.startsWith(":")) {
                lines.add(line);
            }
        }
        throw new AssertionError("the event stream ended");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
