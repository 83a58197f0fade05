package io.instflow.barchart.client;

import java.net.http.HttpRequest;

/** The headers of a desktop browser's same-origin fetch, which the website's API expects. */
final class BrowserHeaders {

    static final String USER_AGENT =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/140.0.0.0 Safari/537.36";

    private BrowserHeaders() {}

    static HttpRequest.Builder api(HttpRequest.Builder b, String referer) {
        return b.header("User-Agent", USER_AGENT)
                .header("Accept", "application/json")
                .header("Accept-Language", "en-US,en;q=0.9")
                .header("Referer", referer)
                .header("sec-fetch-dest", "empty")
                .header("sec-fetch-mode", "cors")
                .header("sec-fetch-site", "same-origin")
                .header("sec-ch-ua-platform", "\"Linux\"");
    }

    static HttpRequest.Builder page(HttpRequest.Builder b) {
        return b.header("User-Agent", USER_AGENT)
                .header("Accept", "text/html,application/xhtml+xml")
                .header("Accept-Language", "en-US,en;q=0.9")
                .header("sec-fetch-dest", "document")
                .header("sec-fetch-mode", "navigate")
                .header("sec-fetch-site", "none");
    }
}
