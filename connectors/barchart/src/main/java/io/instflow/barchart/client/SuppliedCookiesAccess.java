package io.instflow.barchart.client;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/**
 * A cookie header supplied from outside (an operator's secret, or a browser side-car that writes
 * it), e.g. from {@code BARCHART_COOKIES}. The client never solves challenges itself.
 */
public final class SuppliedCookiesAccess implements AccessStrategy {

    private final CookieJar jar = new CookieJar();

    public SuppliedCookiesAccess(String cookieHeader) {
        jar.acceptHeader(cookieHeader);
    }

    @Override
    public String name() {
        return "supplied-cookies";
    }

    @Override
    public void prepare(HttpClient http, WebConfig config) {}

    @Override
    public boolean refreshable() {
        return false;
    }

    @Override
    public void decorate(HttpRequest.Builder request) {
        request.header("Cookie", jar.header());
        String token = jar.xsrfToken();
        if (token != null) {
            request.header("X-XSRF-TOKEN", token);
        }
    }
}
