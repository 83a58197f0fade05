package io.instflow.barchart.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The 2025 handshake: load one page with browser headers, keep the session cookies it sets, and
 * send them with {@code X-XSRF-TOKEN} from the {@code XSRF-TOKEN} cookie.
 */
public final class CookieHandshakeAccess implements AccessStrategy {

    private final CookieJar jar = new CookieJar();

    @Override
    public String name() {
        return "cookie-handshake";
    }

    @Override
    public void prepare(HttpClient http, WebConfig config)
            throws IOException, InterruptedException {
        jar.clear();
        HttpRequest page =
                BrowserHeaders.page(
                                HttpRequest.newBuilder(config.handshakePage())
                                        .timeout(config.timeout()))
                        .GET()
                        .build();
        HttpResponse<Void> response = http.send(page, HttpResponse.BodyHandlers.discarding());
        jar.accept(response.headers().allValues("set-cookie"));
        if (jar.xsrfToken() == null) {
            throw new IOException(
                    "the handshake page "
                            + config.handshakePage().getPath()
                            + " answered "
                            + response.statusCode()
                            + " without an XSRF-TOKEN cookie");
        }
    }

    @Override
    public boolean refreshable() {
        return true;
    }

    @Override
    public void decorate(HttpRequest.Builder request) {
        if (!jar.isEmpty()) {
            request.header("Cookie", jar.header());
            String token = jar.xsrfToken();
            if (token != null) {
                request.header("X-XSRF-TOKEN", token);
            }
        }
    }
}
