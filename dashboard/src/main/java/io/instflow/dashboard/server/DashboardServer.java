package io.instflow.dashboard.server;

import io.instflow.dashboard.state.DashboardState;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's HTTP endpoints: the page and its bundled assets, {@code /api/snapshot} (the whole
 * state as JSON), {@code /api/health} (whether data flows) and {@code /api/events} (server-sent
 * events: a {@code snapshot} once history is loaded, then {@code update} and {@code heartbeat}).
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final String STATIC = "/io/instflow/dashboard/static/";
    private static final Map<String, String> CONTENT_TYPES =
            Map.of(
                    "html",
                    "text/html; charset=utf-8",
                    "js",
                    "text/javascript; charset=utf-8",
                    "css",
                    "text/css; charset=utf-8",
                    "png",
                    "image/png");
    private static final long HISTORY_WAIT_MS = 60_000;

    /** Concurrent event streams served; each holds a thread, so more are refused with 503. */
    static final int MAX_STREAMS = 32;

    private final HttpServer http;
    private final ExecutorService threads;
    private final DashboardState state;
    private final EventHub hub;
    private final RequestGuard guard;
    private final java.util.concurrent.Semaphore streams =
            new java.util.concurrent.Semaphore(MAX_STREAMS);

    public DashboardServer(String host, int port, DashboardState state, EventHub hub)
            throws IOException {
        this(host, port, state, hub, null);
    }

    /**
     * @param token bearer token every request must carry, or null; required beyond loopback
     */
    public DashboardServer(String host, int port, DashboardState state, EventHub hub, String token)
            throws IOException {
        this.state = state;
        this.hub = hub;
        this.guard = new RequestGuard(host, token);
        this.threads =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t = new Thread(r, "dashboard-http");
                            t.setDaemon(true);
                            return t;
                        });
        try {
            this.http = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (java.net.BindException e) {
            throw new IOException(
                    "cannot listen on "
                            + host
                            + ":"
                            + port
                            + " ("
                            + e.getMessage()
                            + "); choose another --port",
                    e);
        }
        http.setExecutor(threads);
        http.createContext("/", this::handle);
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RequestGuard.Refusal refusal =
                    guard.check(
                            exchange.getRequestMethod(),
                            exchange.getRequestHeaders().getFirst("Host"),
                            exchange.getRequestHeaders().getFirst("Origin"));
            if (refusal != null) {
                send(
                        exchange,
                        refusal.status(),
                        "text/plain; charset=utf-8",
                        refusal.reason() + "\n");
                return;
            }
            if (!guard.authorized(
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Cookie"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                send(
                        exchange,
                        401,
                        "text/plain; charset=utf-8",
                        "this dashboard needs its token: open it with ?token=... or send"
                                + " Authorization: Bearer ...\n");
                return;
            }
            String cookie = guard.cookieFor(exchange.getRequestURI().getRawQuery());
            if (cookie != null) {
                exchange.getResponseHeaders().add("Set-Cookie", cookie);
            }
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/", "/index.html" -> asset(exchange, "index.html");
                case "/api/snapshot" ->
                        send(
                                exchange,
                                200,
                                "application/json",
                                Frames.json(state.snapshot(System.currentTimeMillis())));
                case "/api/health" ->
                        send(
                                exchange,
                                200,
                                "application/json",
                                Frames.json(state.heartbeat(System.currentTimeMillis())));
                case "/api/events" -> events(exchange);
                default -> {
                    if (path.startsWith("/static/") && path.indexOf("..") < 0) {
                        asset(exchange, path.substring("/static/".length()));
                    } else {
                        send(
                                exchange,
                                404,
                                "text/plain; charset=utf-8",
                                "no such page: " + path + "\n");
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug(
                    "Connection closed while answering {}: {}",
                    exchange.getRequestURI(),
                    e.getMessage());
        }
    }

    /** Streams events until the page goes away: snapshot first, then the hub's frames. */
    private void events(HttpExchange exchange) throws IOException {
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        if (!streams.tryAcquire()) {
            send(
                    exchange,
                    503,
                    "text/plain; charset=utf-8",
                    "already serving " + MAX_STREAMS + " event streams; try again later\n");
            return;
        }
        try {
            stream(exchange);
        } finally {
            streams.release();
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try (EventHub.Subscriber subscriber = hub.subscribe()) {
            long deadline = System.currentTimeMillis() + HISTORY_WAIT_MS;
            while (state.heartbeat(System.currentTimeMillis()).mode() == DashboardState.Mode.LOADING
                    && System.currentTimeMillis() < deadline) {
                write(out, Frames.frame("heartbeat", state.heartbeat(System.currentTimeMillis())));
                subscriber.next(250, TimeUnit.MILLISECONDS);
            }
            write(out, Frames.frame("snapshot", state.snapshot(System.currentTimeMillis())));
            while (true) {
                String frame = subscriber.next(15, TimeUnit.SECONDS);
                write(out, frame == null ? ": keep-alive\n\n" : frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, String frame) throws IOException {
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void asset(HttpExchange exchange, String name) throws IOException {
        String type = CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        try (InputStream in = DashboardServer.class.getResourceAsStream(STATIC + name)) {
            if (in == null && "index.html".equals(name)) {
                send(
                        exchange,
                        500,
                        "text/plain; charset=utf-8",
                        "the dashboard's page is missing from its jar;"
                                + " rebuild with 'mvn -pl dashboard -am package' (needs node and npm)\n");
                return;
            }
            if (in == null || type == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "no such asset: " + name + "\n");
                return;
            }
            byte[] body = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", type);
            respond(exchange, 200, body);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        respond(exchange, status, bytes);
    }

    /** The body, or for HEAD only its headers (a HEAD response has no body). */
    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
