package io.instflow.cli.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * Posts JSON bodies to one webhook. Failures that may pass (no connection, 408, 425, 429, 5xx) are
 * retried with doubling back-off, honouring {@code Retry-After}; any other answer is final. The
 * webhook's path is its secret (Slack and Discord put the token there), so only {@link #redacted()}
 * is ever shown.
 */
public final class Webhook {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI uri;
    private final int maxAttempts;
    private final HttpClient http;

    public Webhook(URI uri, int maxAttempts) {
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException(
                    "--webhook must be an http or https URL, got scheme '" + uri.getScheme() + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("--webhook has no host: " + redact(uri));
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("--max-attempts must be at least 1");
        }
        this.uri = uri;
        this.maxAttempts = maxAttempts;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /** Scheme, host and port only. */
    public String redacted() {
        return redact(uri);
    }

    /**
     * Posts {@code body} until the webhook accepts it; {@code onRetry} hears the number of each
     * failed attempt before its back-off.
     *
     * @return the number of attempts it took
     * @throws WebhookException when the webhook refuses the body or every attempt failed
     */
    public int post(String body, IntConsumer onRetry) throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        String lastFailure = "";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Duration wait = backoff;
            try {
                HttpResponse<String> response =
                        http.send(
                                HttpRequest.newBuilder(uri)
                                        .timeout(TIMEOUT)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return attempt;
                }
                lastFailure = "HTTP " + status + excerpt(response.body());
                if (!retryable(status)) {
                    throw new WebhookException(
                            "the webhook at "
                                    + redacted()
                                    + " refused the alert: "
                                    + lastFailure
                                    + "; check the URL and --format, then run again (unsent"
                                    + " signals are sent then)");
                }
                wait = retryAfter(response).orElse(backoff);
            } catch (IOException e) {
                lastFailure = e.getClass().getSimpleName();
            }
            if (attempt < maxAttempts) {
                onRetry.accept(attempt);
                // the back-off itself: the alerter has nothing else to do until this post is taken
                Thread.sleep(wait.toMillis());
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
        throw new WebhookException(
                "the webhook at "
                        + redacted()
                        + " did not accept the alert in "
                        + maxAttempts
                        + " attempts (last: "
                        + lastFailure
                        + "); run again when it is reachable (unsent signals are sent then)");
    }

    private static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    private static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .filter(v -> v.matches("\\d{1,4}"))
                .map(v -> min(Duration.ofSeconds(Long.parseLong(v)), MAX_BACKOFF));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return " (" + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine) + ")";
    }

    private static String redact(URI uri) {
        return uri.getScheme()
                + "://"
                + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + "/...";
    }

    /** The webhook did not take an alert; the message says what to do. */
    public static final class WebhookException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        WebhookException(String message) {
            super(message);
        }
    }
}
