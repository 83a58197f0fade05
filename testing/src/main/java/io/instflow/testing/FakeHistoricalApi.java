package io.instflow.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Databento's historical {@code timeseries.get_range} on this machine: answers each request with
 * the DBN body of its schema, as the real API streams it, and remembers the forms and the
 * Authorization headers it was sent.
 */
public final class FakeHistoricalApi implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> bodies;
    private final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    /**
     * @param bodies the DBN stream (zstd) to answer per schema name
     */
    public FakeHistoricalApi(Map<String, byte[]> bodies) throws IOException {
        this.bodies = Map.copyOf(bodies);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v0/timeseries.get_range", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The form of every request, in order. */
    public List<Map<String, String>> forms() {
        return forms;
    }

    /** The Authorization header of every request, in order. */
    public List<String> authorizations() {
        return authorizations;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(exchange.getRequestBody().readAllBytes());
        forms.add(form);
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] body = bodies.get(form.get("schema"));
        int status = body == null ? 422 : 200;
        if (body == null) {
            body =
                    ("{\"detail\":\"schema " + form.get("schema") + " not served here\"}")
                            .getBytes(StandardCharsets.UTF_8);
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parse(byte[] body) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
