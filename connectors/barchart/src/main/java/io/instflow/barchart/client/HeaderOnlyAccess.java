package io.instflow.barchart.client;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/**
 * Browser-like headers alone, {@code sec-fetch-site: same-origin} among them (reported to suffice
 * in 2026).
 */
public final class HeaderOnlyAccess implements AccessStrategy {

    @Override
    public String name() {
        return "header-only";
    }

    @Override
    public void prepare(HttpClient http, WebConfig config) {}

    @Override
    public boolean refreshable() {
        return false;
    }

    @Override
    public void decorate(HttpRequest.Builder request) {}
}
