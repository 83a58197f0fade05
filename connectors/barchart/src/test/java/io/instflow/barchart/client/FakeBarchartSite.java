package io.instflow.barchart.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local stand-in for Barchart's website that reproduces its handshake and failure modes: the
 * quote page sets {@code XSRF-TOKEN} (URL-encoded) and {@code laravel_session}; the API answers 403
 * without the session and matching {@code X-XSRF-TOKEN} (unless header-only access is on and {@code
 * sec-fetch-site: same-origin} is sent), 419 once for an expired session, a challenge page, 429
 * with Retry-After, or 5xx when told to; otherwise the captured chain of the requested series.
 */
public final class FakeBarchartSite implements AutoCloseable {

    static final String TOKEN = "eyJpdiI6InRva2VuIn0=";

    public enum Mode {
        NORMAL,
        CHALLENGE,
        RATE_LIMITED,
        ERRORS,
        MALFORMED
    }

    private final HttpServer server;
    private final Clock clock;
    private final Map<String, Function<Instant, String>> chains = new HashMap<>();
    private final List<Instant> apiRequests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    public volatile boolean headerOnlyAccepted;
    public volatile Mode mode = Mode.NORMAL;
    volatile int errorsLeft;
    volatile int expireSessionsLeft;
    private volatile String session = "s1";

    public FakeBarchartSite(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/futures/quotes/", this::page);
        server.createContext("/proxies/core-api/v1/quotes/get", this::api);
        server.start();
    }

    /** Answers requests for {@code series} with a saved response. */
    public void serve(String series, Path capture) {
        chains.put(
                series,
                now -> {
                    try {
                        return Files.readString(capture);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /**
     * Answers requests for {@code series} with a response made at request time, given the site's
     * clock.
     */
    public void serve(String series, Function<Instant, String> response) {
        chains.put(series, response);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Instant> apiRequests() {
        return List.copyOf(apiRequests);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    int handshakes() {
        return handshakes.get();
    }

    int refusals() {
        return refusals.get();
    }

    private void page(HttpExchange ex) throws IOException {
        handshakes.incrementAndGet();
        session = "s" + handshakes.get();
        ex.getResponseHeaders()
                .add(
                        "Set-Cookie",
                        "XSRF-TOKEN="
                                + java.net.URLEncoder.encode(TOKEN, StandardCharsets.UTF_8)
                                + "; Path=/; Secure");
        ex.getResponseHeaders()
                .add("Set-Cookie", "laravel_session=" + session + "; Path=/; HttpOnly");
        respond(ex, 200, "text/html", "<html><body>NQ quote page</body></html>");
    }

    private void api(HttpExchange ex) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        apiRequests.add(clock.instant());
        try {
            answer(ex);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        if (!admitted(ex)) {
            refusals.incrementAndGet();
            respond(ex, 403, "application/json", "{\"error\":\"missing token\"}");
            return;
        }
        if (expireSessionsLeft > 0 && ex.getRequestHeaders().containsKey("Cookie")) {
            expireSessionsLeft--;
            respond(ex, 419, "text/html", "<html>Page Expired</html>");
            return;
        }
        switch (mode) {
            case CHALLENGE ->
                    respond(
                            ex,
                            200,
                            "text/html; charset=UTF-8",
                            "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>challenge</body></html>");
            case RATE_LIMITED -> {
                ex.getResponseHeaders().add("Retry-After", "30");
                respond(ex, 429, "application/json", "{\"error\":\"too many requests\"}");
            }
            case ERRORS -> {
                if (errorsLeft > 0) {
                    errorsLeft--;
                    respond(ex, 503, "text/plain", "unavailable");
                } else {
                    chain(ex);
                }
            }
            case MALFORMED ->
                    respond(ex, 200, "application/json", "{\"count\":2,\"total\":1,\"rows\":[]}");
            default -> chain(ex);
        }
    }

    private boolean admitted(HttpExchange ex) {
        var h = ex.getRequestHeaders();
        if (headerOnlyAccepted && "same-origin".equals(h.getFirst("sec-fetch-site"))) {
            return true;
        }
        String cookie = h.getFirst("Cookie");
        return cookie != null
                && cookie.contains("laravel_session=" + session)
                && TOKEN.equals(h.getFirst("X-XSRF-TOKEN"));
    }

    private void chain(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI());
        if (q.containsKey("symbols")) {
            futures(ex, q.get("symbols").split(","));
            return;
        }
        String symbol = q.getOrDefault("symbol", "");
        Function<Instant, String> response = chains.get(symbol);
        if (response == null) {
            respond(ex, 200, "application/json", "{\"count\":0,\"total\":0,\"data\":{}}");
        } else {
            respond(ex, 200, "application/json", response.apply(clock.instant()));
        }
    }

    /**
     * NQ futures quotes 10 minutes old, last 21000 + 100 per contract, as the futures list returns
     * them.
     */
    private void futures(HttpExchange ex, String[] symbols) throws IOException {
        long traded = clock.instant().getEpochSecond() - 600;
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < symbols.length; i++) {
            double last = 21_000 + 100 * i;
            rows.append(i == 0 ? "" : ",")
                    .append(
                            String.format(
                                    java.util.Locale.ROOT,
                                    "{\"symbol\":\"%s\",\"lastPrice\":\"%,.2f\",\"tradeTime\":\"12:00 CT\",\"raw\":{\"symbol\":\"%s\","
                                            + "\"lastPrice\":%.2f,\"bidPrice\":%.2f,\"askPrice\":%.2f,\"previousPrice\":%.2f,\"volume\":%d,"
                                            + "\"openInterest\":null,\"tradeTime\":%d}}",
                                    symbols[i],
                                    last,
                                    symbols[i],
                                    last,
                                    last - 0.25,
                                    last + 0.25,
                                    last - 50,
                                    1000 + i,
                                    traded));
        }
        respond(
                ex,
                200,
                "application/json",
                "{\"count\":"
                        + symbols.length
                        + ",\"total\":"
                        + symbols.length
                        + ",\"data\":["
                        + rows
                        + "]}");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String part : uri.getRawQuery().split("&")) {
            int eq = part.indexOf('=');
            out.put(
                    part.substring(0, eq),
                    URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void respond(HttpExchange ex, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
