package io.instflow.databento;

import io.instflow.dbn.Metadata;
import io.instflow.dbn.RecordDispatcher;
import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.io.DbnReader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Databento's historical API, {@code timeseries.get_range}: a POST with basic auth whose zstd DBN
 * body is decoded as it streams in, never held whole. 408, 429 and 5xx responses are retried with
 * backoff (honouring Retry-After); other errors carry the API's {@code detail}. {@code X-Warning}
 * headers are logged and returned.
 */
public final class HistoricalClient {

    private static final Logger LOG = LoggerFactory.getLogger(HistoricalClient.class);

    /** The production API. */
    public static final String DEFAULT_BASE_URL = "https://hist.databento.com";

    private static final Pattern DETAIL =
            Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern WARNING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final URI baseUrl;
    private final ApiKey key;
    private final HttpClient http;
    private final ReconnectPolicy retry;
    private final LiveClient.Sleeper sleeper;
    private final SplittableRandom jitter = new SplittableRandom();
    private final HistoricalCache cache;

    /** What a request returned besides its records. */
    public record Result(
            Metadata metadata, long records, List<String> warnings, int attempts, boolean cached) {}

    public HistoricalClient(
            String baseUrl, ApiKey key, ReconnectPolicy retry, LiveClient.Sleeper sleeper) {
        this(baseUrl, key, retry, sleeper, null);
    }

    private HistoricalClient(
            String baseUrl,
            ApiKey key,
            ReconnectPolicy retry,
            LiveClient.Sleeper sleeper,
            HistoricalCache cache) {
        this.baseUrl = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        if (!"https".equals(this.baseUrl.getScheme()) && !loopback(this.baseUrl.getHost())) {
            throw new IllegalArgumentException(
                    "refusing to send the Databento key to "
                            + this.baseUrl.getScheme()
                            + "://"
                            + this.baseUrl.getHost()
                            + ": use https:// (plain http is allowed only for a server on this machine)");
        }
        this.key = key;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.retry = retry;
        this.sleeper = sleeper;
        this.cache = cache;
    }

    /**
     * This client, answering a request it has answered before from {@code cache} and keeping every
     * settled range it fetches there ({@link HistoricalCache#cacheable}).
     */
    public HistoricalClient withCache(HistoricalCache cache) {
        return new HistoricalClient(baseUrl.toString(), key, retry, sleeper, cache);
    }

    /** A client with 5 attempts, 1 s doubling to 30 s between them. */
    public static HistoricalClient create(String baseUrl, ApiKey key) {
        return new HistoricalClient(
                baseUrl,
                key,
                new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2, 4),
                d -> Thread.sleep(d.toMillis()));
    }

    /**
     * Requests {@code request} and feeds every record to {@code handler} as it arrives.
     *
     * @throws HistoricalApiException for a refused request, or when retries are exhausted
     */
    public Result getRange(HistoricalRequest request, RecordHandler handler) {
        if (cache != null) {
            java.util.Optional<Path> hit = cache.lookup(request);
            if (hit.isPresent()) {
                LOG.info(
                        "historical {} {} from the cache: {}",
                        request.dataset(),
                        request.schema(),
                        hit.get());
                try (DbnReader reader = DbnReader.open(hit.get())) {
                    return read(reader, handler, List.of(), 0, true);
                }
            }
        }
        HttpRequest http =
                HttpRequest.newBuilder(baseUrl.resolve("v0/timeseries.get_range"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (key.reveal() + ":")
                                                                .getBytes(StandardCharsets.UTF_8)))
                        .header("Accept", "application/octet-stream")
                        .header("User-Agent", "instflow/0.1 Java/" + Runtime.version().feature())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .timeout(Duration.ofMinutes(10))
                        .POST(HttpRequest.BodyPublishers.ofString(form(request)))
                        .build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response = send(http);
            int status = response.statusCode();
            if (status == 200) {
                return decode(request, response, handler, attempt);
            }
            String detail = scrub(detail(response));
            boolean retryable = status == 408 || status == 429 || status >= 500;
            if (!retryable || !retry.allows(attempt)) {
                throw new HistoricalApiException(status, message(status, detail, attempt));
            }
            Duration delay = retryAfter(response).orElse(retry.delay(attempt, jitter));
            LOG.warn(
                    "historical API answered {} ({}); retrying in {} ms",
                    status,
                    detail,
                    delay.toMillis());
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HistoricalApiException(status, "interrupted while waiting to retry");
            }
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoricalApiException(0, "interrupted");
        }
    }

    private Result decode(
            HistoricalRequest request,
            HttpResponse<InputStream> response,
            RecordHandler handler,
            int attempt) {
        List<String> warnings = warnings(response);
        for (String warning : warnings) {
            LOG.warn("historical API: {}", warning);
        }
        Instant now = Instant.now();
        if (cache == null || !HistoricalCache.cacheable(request, now)) {
            try (DbnReader reader = DbnReader.of(response.body(), false, "timeseries.get_range")) {
                return read(reader, handler, warnings, attempt, false);
            }
        }
        Path temp = cache.newTempFile(request);
        Result result;
        try (OutputStream copy = Files.newOutputStream(temp);
                DbnReader reader =
                        DbnReader.of(
                                new CopyingInputStream(response.body(), copy),
                                false,
                                "timeseries.get_range")) {
            result = read(reader, handler, warnings, attempt, false);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write the cache file " + temp, e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
        cache.store(request, temp, result.records(), now);
        return result;
    }

    private static Result read(
            DbnReader reader,
            RecordHandler handler,
            List<String> warnings,
            int attempt,
            boolean cached) {
        Metadata metadata = reader.metadata();
        RecordDispatcher dispatcher = new RecordDispatcher(handler);
        long records = 0;
        while (reader.nextRecord()) {
            dispatcher.dispatch(reader.buffer(), reader.recordOffset(), reader.recordLength());
            records++;
        }
        return new Result(metadata, records, warnings, attempt, cached);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete the partial cache file {}: {}", file, e.getMessage());
        }
    }

    static String form(HistoricalRequest r) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("dataset", r.dataset());
        fields.put("schema", r.schema());
        fields.put("symbols", String.join(",", r.symbols()));
        fields.put("stype_in", r.stypeIn());
        fields.put("stype_out", "instrument_id");
        fields.put("start", r.start());
        if (r.end() != null) {
            fields.put("end", r.end());
        }
        if (r.limit() != null) {
            fields.put("limit", Long.toString(r.limit()));
        }
        fields.put("encoding", "dbn");
        fields.put("compression", "zstd");
        StringBuilder body = new StringBuilder();
        fields.forEach(
                (k, v) ->
                        body.append(body.length() == 0 ? "" : "&")
                                .append(k)
                                .append('=')
                                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private static String detail(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            String text = new String(body.readNBytes(8192), StandardCharsets.UTF_8);
            Matcher m = DETAIL.matcher(text);
            return m.find() ? m.group(1).replace("\\\"", "\"") : text.strip();
        } catch (IOException e) {
            return "(no body: " + e.getMessage() + ")";
        }
    }

    /** Characters of an error response shown at most: enough for a message, not for a dump. */
    static final int DETAIL_LIMIT = 300;

    private static final Pattern AUTHORIZATION =
            Pattern.compile("(?i)(authorization\\s*[:=]\\s*)\\S+(\\s+\\S+)?");
    private static final Pattern BASIC = Pattern.compile("(?i)basic\\s+[A-Za-z0-9+/=]{8,}");
    private static final Pattern KEY_LIKE = Pattern.compile("db-[A-Za-z0-9]{8,}");

    /**
     * An error response's text as it may be shown: a server that echoes the request must not put
     * the key on a terminal, so credentials and anything key-shaped are redacted, and the text is
     * cut to {@link #DETAIL_LIMIT} characters.
     */
    String scrub(String detail) {
        String secret = key.reveal();
        String basic =
                java.util.Base64.getEncoder()
                        .encodeToString((secret + ":").getBytes(StandardCharsets.UTF_8));
        String text = detail.replace(secret, "[redacted]").replace(basic, "[redacted]");
        text = AUTHORIZATION.matcher(text).replaceAll("$1[redacted]");
        text = BASIC.matcher(text).replaceAll("Basic [redacted]");
        text = KEY_LIKE.matcher(text).replaceAll("db-[redacted]");
        return text.length() <= DETAIL_LIMIT ? text : text.substring(0, DETAIL_LIMIT) + "... (cut)";
    }

    private static boolean loopback(String host) {
        return host != null
                && (host.equals("localhost")
                        || host.startsWith("127.")
                        || host.equals("[::1]")
                        || host.equals("::1"));
    }

    private static List<String> warnings(HttpResponse<InputStream> response) {
        List<String> out = new ArrayList<>();
        for (String header : response.headers().allValues("X-Warning")) {
            Matcher m = WARNING.matcher(header);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static java.util.Optional<Duration> retryAfter(HttpResponse<InputStream> response) {
        return response.headers()
                .firstValue("Retry-After")
                .flatMap(
                        v -> {
                            try {
                                return java.util.Optional.of(
                                        Duration.ofSeconds(
                                                Math.min(300, Long.parseLong(v.trim()))));
                            } catch (NumberFormatException e) {
                                return java.util.Optional.empty();
                            }
                        });
    }

    private static String message(int status, String detail, int attempts) {
        String hint =
                switch (status) {
                    case 401, 403 ->
                            "; check "
                                    + ApiKey.VARIABLE
                                    + " and that the key may access this dataset";
                    case 422 -> "; check the request's dataset, schema, symbols and times";
                    default -> attempts > 1 ? " (after " + attempts + " attempts)" : "";
                };
        return "historical API answered HTTP " + status + ": " + detail + hint;
    }
}
