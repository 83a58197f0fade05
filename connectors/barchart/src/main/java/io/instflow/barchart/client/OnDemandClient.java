package io.instflow.barchart.client;

import io.instflow.barchart.chain.ChainRow;
import io.instflow.barchart.chain.ParsedChain;
import io.instflow.barchart.futures.FuturesParser;
import io.instflow.barchart.futures.FuturesQuote;
import io.instflow.barchart.symbols.SeriesCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Barchart OnDemand, the licensed route (spec/barchart.md §10): {@code getFuturesOptions} by
 * contract for chains and {@code getQuote} for futures, with the API key as the {@code apikey}
 * parameter. Same politeness gate and failure kinds as the website client; the key never appears in
 * messages (request URLs are never printed).
 */
public final class OnDemandClient implements BarchartFeed {

    /** Environment variable holding the OnDemand API key. */
    public static final String KEY_VARIABLE = "BARCHART_ONDEMAND_KEY";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVALID_KEY = "API key is missing or not valid.";

    private final URI baseUrl;
    private final String apiKey;
    private final RequestGate gate;
    private final Clock clock;
    private final Backoff backoff = new Backoff();
    private final HttpClient http;
    private final WebConfig config;

    /**
     * @param config base URL (https://ondemand.websol.barchart.com), interval, jitter, daily cap
     *     and timeout
     */
    public OnDemandClient(
            WebConfig config,
            String apiKey,
            Clock clock,
            RequestGate.Sleeper sleeper,
            java.util.random.RandomGenerator random) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException(
                    "Barchart OnDemand needs an API key in " + KEY_VARIABLE);
        }
        this.config = config;
        this.baseUrl = config.baseUrl();
        this.apiKey = apiKey.trim();
        this.clock = clock;
        this.gate =
                new RequestGate(
                        config.minInterval(),
                        config.jitter(),
                        config.dailyCap(),
                        clock,
                        sleeper,
                        random);
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    public static WebConfig defaults() {
        return WebConfig.defaults().withBaseUrl(URI.create("https://ondemand.websol.barchart.com"));
    }

    @Override
    public String accessName() {
        return "ondemand";
    }

    @Override
    public ParsedChain chain(String seriesCode) throws BarchartException, InterruptedException {
        SeriesCode series =
                SeriesCode.parse(seriesCode, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        JsonNode results =
                results(
                        call(
                                "getFuturesOptions",
                                "contract",
                                series.requestCode(),
                                "volume,openInterest,bid,ask,tradeTimestamp,delta"),
                        "series " + seriesCode);
        List<ChainRow> rows = new ArrayList<>();
        String prefix =
                series.barchartRoot()
                        + io.instflow.barchart.symbols.MonthCodes.code(
                                series.month().getMonthValue())
                        + (series.month().getYear() % 10)
                        + "|";
        for (JsonNode r : results) {
            BigDecimal strike = r.path("strike").decimalValue();
            String type = r.path("type").asText();
            Instant traded = timestamp(r.path("tradeTimestamp").asText(null));
            rows.add(
                    new ChainRow(
                            prefix
                                    + strike.stripTrailingZeros().toPlainString()
                                    + ("Put".equals(type) ? "P" : "C"),
                            type,
                            strike,
                            r.path("bid").asDouble(0),
                            r.path("ask").asDouble(0),
                            r.path("last").asDouble(0),
                            "s".equals(r.path("flag").asText()),
                            traded == null ? null : traded.getEpochSecond(),
                            traded != null,
                            traded == null
                                    ? null
                                    : traded.atZone(java.time.ZoneId.of("America/Chicago"))
                                            .toLocalDate(),
                            r.path("volume").isNumber() ? r.get("volume").asLong() : null,
                            r.path("openInterest").isNumber()
                                    ? r.get("openInterest").asLong()
                                    : null,
                            null,
                            r.path("delta").isNumber() ? r.get("delta").asDouble() : null,
                            r.path("change").asDouble(0)));
        }
        if (rows.isEmpty()) {
            throw new BarchartException(
                    FailureKind.NOT_FOUND,
                    "series " + seriesCode + " has no OnDemand results",
                    null);
        }
        return new ParsedChain(rows.size(), rows);
    }

    @Override
    public List<FuturesQuote> futures(List<String> symbols)
            throws BarchartException, InterruptedException {
        JsonNode results =
                results(
                        call(
                                "getQuote",
                                "symbols",
                                String.join(",", symbols),
                                "bid,ask,previousClose,openInterest"),
                        "futures " + symbols);
        List<FuturesQuote> quotes = new ArrayList<>();
        for (JsonNode r : results) {
            String symbol = r.path("symbol").asText();
            Instant traded = timestamp(r.path("tradeTimestamp").asText(null));
            quotes.add(
                    new FuturesQuote(
                            FuturesParser.databentoForm(symbol),
                            symbol,
                            false,
                            positive(r, "lastPrice"),
                            "s".equals(r.path("flag").asText()),
                            positive(r, "bid"),
                            positive(r, "ask"),
                            positive(r, "previousClose"),
                            traded,
                            traded == null
                                    ? null
                                    : traded.atZone(java.time.ZoneId.of("America/Chicago"))
                                            .toLocalDate(),
                            r.path("volume").isNumber() ? r.get("volume").asLong() : null,
                            r.path("openInterest").isNumber()
                                    ? r.get("openInterest").asLong()
                                    : null));
        }
        return quotes;
    }

    private synchronized JsonNode call(String method, String param, String value, String fields)
            throws BarchartException, InterruptedException {
        java.time.Duration wait = backoff.remaining(clock.instant());
        if (wait != null) {
            throw new BarchartException(
                    FailureKind.BACKED_OFF,
                    "backing off after "
                            + backoff.reason()
                            + " for another "
                            + wait.toSeconds()
                            + " s",
                    wait);
        }
        URI uri =
                baseUrl.resolve(
                        "/"
                                + method
                                + ".json?apikey="
                                + enc(apiKey)
                                + "&"
                                + param
                                + "="
                                + enc(value)
                                + "&fields="
                                + enc(fields));
        HttpResponse<String> response;
        try {
            response =
                    gate.pass(
                            () ->
                                    http.send(
                                            HttpRequest.newBuilder(uri)
                                                    .timeout(config.timeout())
                                                    .GET()
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            java.time.Duration d = backoff.unavailable(clock.instant());
            throw new BarchartException(
                    FailureKind.UNAVAILABLE,
                    "OnDemand " + method + ": " + e.getClass().getSimpleName(),
                    d);
        }
        String body = response.body().strip();
        if (body.startsWith(INVALID_KEY)
                || response.statusCode() == 401
                || response.statusCode() == 403) {
            java.time.Duration d = backoff.blocked(clock.instant(), FailureKind.BLOCKED, null);
            throw new BarchartException(
                    FailureKind.BLOCKED,
                    "Barchart OnDemand refused the API key in "
                            + KEY_VARIABLE
                            + "; check the subscription",
                    d);
        }
        if (response.statusCode() == 429) {
            java.time.Duration d = backoff.blocked(clock.instant(), FailureKind.RATE_LIMITED, null);
            throw new BarchartException(
                    FailureKind.RATE_LIMITED, "OnDemand " + method + ": HTTP 429", d);
        }
        if (response.statusCode() >= 500) {
            java.time.Duration d = backoff.unavailable(clock.instant());
            throw new BarchartException(
                    FailureKind.UNAVAILABLE,
                    "OnDemand " + method + ": HTTP " + response.statusCode(),
                    d);
        }
        try {
            JsonNode root = JSON.readTree(body);
            backoff.succeeded();
            return root;
        } catch (IOException e) {
            throw new BarchartException(
                    FailureKind.SCHEMA_DRIFT,
                    "OnDemand " + method + " answered something that is not" + " JSON",
                    null);
        }
    }

    private static JsonNode results(JsonNode root, String what) throws BarchartException {
        int code = root.path("status").path("code").asInt(-1);
        if (code == 204 || code == 200 && root.path("results").isNull()) {
            throw new BarchartException(
                    FailureKind.NOT_FOUND, what + ": OnDemand has no data", null);
        }
        if (code != 200 || !root.path("results").isArray()) {
            throw new BarchartException(
                    FailureKind.SCHEMA_DRIFT,
                    what
                            + ": OnDemand status "
                            + code
                            + " ("
                            + root.path("status").path("message").asText("")
                            + ")",
                    null);
        }
        return root.get("results");
    }

    private static Instant timestamp(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Double positive(JsonNode r, String field) {
        return r.path(field).isNumber() && r.get(field).asDouble() > 0
                ? r.get(field).asDouble()
                : null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
