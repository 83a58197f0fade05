package io.instflow.barchart.client;

import io.instflow.barchart.chain.ChainParser;
import io.instflow.barchart.chain.ParsedChain;
import io.instflow.barchart.chain.SchemaDriftException;
import io.instflow.barchart.futures.FuturesParser;
import io.instflow.barchart.futures.FuturesQuote;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Barchart's website JSON endpoint ({@code /proxies/core-api/v1/quotes/get}) for NQ option chains
 * and futures quotes. Every request passes the {@link RequestGate}; failures are classified ({@link
 * FailureKind}) and backed off as spec/barchart.md §7 says; access strategies are tried in order
 * and the working one remembered. Opt-in: nothing here runs unless a caller asks.
 */
public final class BarchartWebClient implements BarchartFeed {

    private static final Logger LOG = LoggerFactory.getLogger(BarchartWebClient.class);

    /** The chain fields asked for (spec §3.2's recommendation; absent ones come back null). */
    static final String CHAIN_FIELDS =
            "symbol,optionType,strike,bidPrice,askPrice,lastPrice,priceChange,openPrice,"
                    + "highPrice,lowPrice,volume,openInterest,tradeTime,optImpliedVolatility,delta,symbolName,expirationDate,"
                    + "daysToExpiration,baseSymbol";

    static final String FUTURES_FIELDS =
            "symbol,contractSymbol,lastPrice,priceChange,openPrice,highPrice,lowPrice,"
                    + "previousPrice,bidPrice,askPrice,volume,openInterest,tradeTime,symbolCode,symbolType";
    private static final List<Duration> RETRIES =
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));

    private final WebConfig config;
    private final HttpClient http;
    private final List<AccessStrategy> strategies;
    private final RequestGate gate;
    private final RequestGate.Sleeper sleeper;
    private final Clock clock;
    private final Backoff backoff = new Backoff();
    private final Map<AccessStrategy, Boolean> prepared = new LinkedHashMap<>();
    private int preferred;

    public BarchartWebClient(
            WebConfig config,
            List<AccessStrategy> strategies,
            Clock clock,
            RequestGate.Sleeper sleeper,
            java.util.random.RandomGenerator random) {
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("at least one access strategy is needed");
        }
        this.config = config;
        this.strategies = List.copyOf(strategies);
        this.clock = clock;
        this.sleeper = sleeper;
        this.gate =
                new RequestGate(
                        config.minInterval(),
                        config.jitter(),
                        config.dailyCap(),
                        clock,
                        sleeper,
                        random);
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(config.timeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /**
     * The default strategies: header-only, the cookie handshake, then a supplied cookie header when
     * given.
     */
    public static List<AccessStrategy> defaultStrategies(Optional<String> suppliedCookies) {
        List<AccessStrategy> list =
                new java.util.ArrayList<>(
                        List.of(new HeaderOnlyAccess(), new CookieHandshakeAccess()));
        suppliedCookies
                .filter(s -> !s.isBlank())
                .ifPresent(c -> list.add(new SuppliedCookiesAccess(c)));
        return list;
    }

    /**
     * The whole chain of one series (calls and puts of one expiry), e.g. {@code MQ4M25}.
     *
     * @throws BarchartException classified; {@link FailureKind#NOT_FOUND} for an empty chain
     */
    @Override
    public ParsedChain chain(String seriesCode) throws BarchartException, InterruptedException {
        byte[] body =
                get(
                        query(
                                Map.of(
                                        "symbol",
                                        seriesCode,
                                        "list",
                                        "futures.options",
                                        "fields",
                                        CHAIN_FIELDS,
                                        "groupBy",
                                        "optionType",
                                        "orderBy",
                                        "strike",
                                        "orderDir",
                                        "asc",
                                        "raw",
                                        "1")),
                        "/futures/quotes/" + seriesCode);
        ParsedChain chain = parse(body, seriesCode);
        if (chain.rows().isEmpty()) {
            throw new BarchartException(
                    FailureKind.NOT_FOUND,
                    "series "
                            + seriesCode
                            + " has no rows (wrong code, not listed yet, or purged after expiry)",
                    null);
        }
        return chain;
    }

    /** Whether a series exists, with a one-row request (spec §4.4). */
    public boolean probe(String seriesCode) throws BarchartException, InterruptedException {
        byte[] body =
                get(
                        query(
                                Map.of(
                                        "symbol",
                                        seriesCode,
                                        "list",
                                        "futures.options",
                                        "fields",
                                        "symbol,symbolName",
                                        "limit",
                                        "1",
                                        "raw",
                                        "1")),
                        "/futures/quotes/" + seriesCode);
        return !parse(body, seriesCode).rows().isEmpty();
    }

    @Override
    public List<FuturesQuote> futures(List<String> symbols)
            throws BarchartException, InterruptedException {
        String joined = String.join(",", symbols);
        byte[] body =
                get(
                        query(Map.of("symbols", joined, "fields", FUTURES_FIELDS, "raw", "1")),
                        "/futures/quotes/" + symbols.get(0));
        try {
            return FuturesParser.parse(body);
        } catch (SchemaDriftException e) {
            throw new BarchartException(
                    FailureKind.SCHEMA_DRIFT, "futures " + joined + ": " + e.getMessage(), null);
        }
    }

    /** The access strategy that worked last (or will be tried first). */
    @Override
    public synchronized String accessName() {
        return strategies.get(preferred).name();
    }

    public int requestsToday() {
        return gate.requestsToday();
    }

    private static ParsedChain parse(byte[] body, String seriesCode) throws BarchartException {
        try {
            return ChainParser.parse(body);
        } catch (SchemaDriftException e) {
            throw new BarchartException(
                    FailureKind.SCHEMA_DRIFT, "series " + seriesCode + ": " + e.getMessage(), null);
        }
    }

    private URI query(Map<String, String> params) {
        String q =
                new java.util.TreeMap<>(params)
                        .entrySet().stream()
                                .map(
                                        e ->
                                                e.getKey()
                                                        + "="
                                                        + URLEncoder.encode(
                                                                e.getValue(),
                                                                StandardCharsets.UTF_8))
                                .collect(Collectors.joining("&"));
        return URI.create(config.api() + "?" + q);
    }

    /** One API call through the gate, the strategies and the retries. */
    private synchronized byte[] get(URI uri, String refererPath)
            throws BarchartException, InterruptedException {
        Duration wait = backoff.remaining(clock.instant());
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
        List<String> refusals = new java.util.ArrayList<>();
        for (int i = 0; i < strategies.size(); i++) {
            AccessStrategy strategy = strategies.get((preferred + i) % strategies.size());
            Outcome outcome = attempt(strategy, uri, refererPath);
            if (outcome.body != null) {
                if (i > 0) {
                    LOG.info("Barchart access now works with the {} strategy", strategy.name());
                }
                preferred = strategies.indexOf(strategy);
                backoff.succeeded();
                return outcome.body;
            }
            if (outcome.rateLimited) {
                Duration d =
                        backoff.blocked(
                                clock.instant(), FailureKind.RATE_LIMITED, outcome.retryAfter);
                throw new BarchartException(
                        FailureKind.RATE_LIMITED,
                        "HTTP 429 from Barchart; waiting " + d.toSeconds() + " s",
                        d);
            }
            if (outcome.unavailable != null) {
                Duration d = backoff.unavailable(clock.instant());
                throw new BarchartException(
                        FailureKind.UNAVAILABLE,
                        outcome.unavailable
                                + " after "
                                + RETRIES.size()
                                + " retries; waiting "
                                + d.toSeconds()
                                + " s",
                        d);
            }
            refusals.add(strategy.name() + ": " + outcome.refusal);
        }
        Duration d = backoff.blocked(clock.instant(), FailureKind.BLOCKED, null);
        String why = String.join("; ", refusals);
        LOG.warn(
                "Barchart refused every access strategy ({}); backing off {} min",
                why,
                d.toMinutes());
        throw new BarchartException(
                FailureKind.BLOCKED,
                "every access strategy was refused ("
                        + why
                        + "); waiting "
                        + d.toMinutes()
                        + " min",
                d);
    }

    private Outcome attempt(AccessStrategy strategy, URI uri, String refererPath)
            throws BarchartException, InterruptedException {
        boolean refreshed = false;
        int retry = 0;
        while (true) {
            try {
                if (!prepared.getOrDefault(strategy, false)) {
                    try {
                        if (strategy.refreshable()) {
                            gate.pass(
                                    () -> {
                                        strategy.prepare(http, config);
                                        return null;
                                    });
                        } else {
                            strategy.prepare(http, config);
                        }
                    } catch (IOException e) {
                        return Outcome.refused("handshake failed: " + e.getMessage());
                    }
                    prepared.put(strategy, true);
                }
                HttpResponse<byte[]> response = gate.pass(() -> send(strategy, uri, refererPath));
                int status = response.statusCode();
                if (status == 200 && looksLikeJson(response)) {
                    return Outcome.ok(response.body());
                }
                if (status == 200) {
                    return Outcome.refused(
                            "HTTP 200 with an HTML page (a challenge or login page)");
                }
                if (status == 419 && strategy.refreshable() && !refreshed) {
                    refreshed = true;
                    prepared.put(strategy, false);
                    continue;
                }
                if (status == 401 || status == 403 || status == 419) {
                    prepared.put(strategy, false);
                    return Outcome.refused("HTTP " + status);
                }
                if (status == 429) {
                    return Outcome.rateLimited(
                            response.headers()
                                    .firstValue("Retry-After")
                                    .flatMap(BarchartWebClient::seconds)
                                    .orElse(null));
                }
                if (status >= 500 && retry < RETRIES.size()) {
                    sleeper.sleep(RETRIES.get(retry++));
                    continue;
                }
                if (status >= 500) {
                    return Outcome.unavailable("HTTP " + status);
                }
                return Outcome.refused("HTTP " + status);
            } catch (IOException e) {
                if (retry < RETRIES.size()) {
                    sleeper.sleep(RETRIES.get(retry++));
                    continue;
                }
                return Outcome.unavailable(
                        e.getClass().getSimpleName() + " (" + e.getMessage() + ")");
            }
        }
    }

    private HttpResponse<byte[]> send(AccessStrategy strategy, URI uri, String refererPath)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                BrowserHeaders.api(
                        HttpRequest.newBuilder(uri).timeout(config.timeout()).GET(),
                        config.baseUrl().resolve(refererPath.replace("*", "%2A")).toString());
        strategy.decorate(b);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static boolean looksLikeJson(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        byte[] body = response.body();
        int i = 0;
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        return !type.contains("html") && i < body.length && (body[i] == '{' || body[i] == '[');
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private record Outcome(
            byte[] body,
            String refusal,
            boolean rateLimited,
            Duration retryAfter,
            String unavailable) {
        static Outcome ok(byte[] body) {
            return new Outcome(body, null, false, null, null);
        }

        static Outcome refused(String why) {
            return new Outcome(null, why, false, null, null);
        }

        static Outcome rateLimited(Duration retryAfter) {
            return new Outcome(null, null, true, retryAfter, null);
        }

        static Outcome unavailable(String why) {
            return new Outcome(null, null, false, null, why);
        }
    }
}
