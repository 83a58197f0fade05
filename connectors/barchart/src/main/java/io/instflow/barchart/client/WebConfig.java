package io.instflow.barchart.client;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of the website client.
 *
 * @param baseUrl {@code https://www.barchart.com}, or a test server
 * @param minInterval least time between two requests' starts, before jitter
 * @param jitter relative jitter of that interval, e.g. 0.2 for ±20 %
 * @param dailyCap requests per UTC day
 */
public record WebConfig(
        URI baseUrl, Duration minInterval, double jitter, int dailyCap, Duration timeout) {

    public static WebConfig defaults() {
        return new WebConfig(
                URI.create("https://www.barchart.com"),
                Duration.ofSeconds(5),
                0.2,
                2_000,
                Duration.ofSeconds(30));
    }

    public WebConfig withBaseUrl(URI url) {
        return new WebConfig(url, minInterval, jitter, dailyCap, timeout);
    }

    public WebConfig withMinInterval(Duration interval) {
        return new WebConfig(baseUrl, interval, jitter, dailyCap, timeout);
    }

    public WebConfig withDailyCap(int cap) {
        return new WebConfig(baseUrl, minInterval, jitter, cap, timeout);
    }

    /** The page loaded for the cookie handshake: the front NQ future's quote page. */
    URI handshakePage() {
        return baseUrl.resolve("/futures/quotes/NQ*0");
    }

    URI api() {
        return baseUrl.resolve("/proxies/core-api/v1/quotes/get");
    }
}
