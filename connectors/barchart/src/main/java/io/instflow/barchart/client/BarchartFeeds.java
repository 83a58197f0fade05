package io.instflow.barchart.client;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * The Barchart feeds an access name selects: {@code website} (the public JSON endpoint, with
 * cookies from {@value #COOKIES_VARIABLE} when set) or {@code ondemand} (the licensed API, key in
 * {@link OnDemandClient#KEY_VARIABLE}). Secrets come from the environment only.
 */
public final class BarchartFeeds {

    /**
     * Environment variable with cookies to present to the website, when its handshake is refused.
     */
    public static final String COOKIES_VARIABLE = "BARCHART_COOKIES";

    /** Barchart's public site. */
    public static final URI WEBSITE = URI.create("https://www.barchart.com");

    private BarchartFeeds() {}

    /** The website client against {@code baseUrl}. */
    public static BarchartWebClient website(URI baseUrl) {
        return new BarchartWebClient(
                WebConfig.defaults().withBaseUrl(baseUrl),
                BarchartWebClient.defaultStrategies(
                        Optional.ofNullable(System.getenv(COOKIES_VARIABLE))),
                Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()),
                new SecureRandom());
    }

    /**
     * The feed {@code access} names, against {@code baseUrl}.
     *
     * @throws IllegalArgumentException for an access other than website or ondemand
     */
    public static BarchartFeed of(String access, URI baseUrl) {
        return switch (access) {
            case "website" -> website(baseUrl);
            case "ondemand" ->
                    new OnDemandClient(
                            baseUrl.getHost().endsWith("barchart.com")
                                    ? OnDemandClient.defaults()
                                    : OnDemandClient.defaults().withBaseUrl(baseUrl),
                            System.getenv(OnDemandClient.KEY_VARIABLE),
                            Clock.systemUTC(),
                            d -> Thread.sleep(d.toMillis()),
                            new SecureRandom());
            default ->
                    throw new IllegalArgumentException(
                            "Barchart access must be website or ondemand, got '" + access + "'");
        };
    }
}
