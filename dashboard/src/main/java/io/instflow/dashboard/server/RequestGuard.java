package io.instflow.dashboard.server;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * What the dashboard refuses before serving: on a loopback bind, a request whose {@code Host} or
 * {@code Origin} names another site (a page elsewhere resolving its own name to 127.0.0.1, DNS
 * rebinding, must not read the dashboard); any method but GET and HEAD; and, when a token is set
 * (required beyond loopback), a request that carries it neither as {@code Authorization: Bearer},
 * nor as {@code ?token=} (how the page is first opened), nor in the cookie the page then gets.
 */
final class RequestGuard {

    private static final Set<String> LOOPBACK_NAMES =
            Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    /** The cookie that carries the token for the page's own requests (its event stream). */
    static final String COOKIE = "instflow_token";

    private final boolean loopbackOnly;
    private final byte[] token;

    /**
     * @param bindHost the address the server listens on
     * @param token the bearer token requests must carry, or null
     * @throws IllegalArgumentException when {@code bindHost} is beyond loopback and there is no
     *     token
     */
    RequestGuard(String bindHost, String token) {
        this.loopbackOnly = LOOPBACK_NAMES.contains(bindHost) || bindHost.startsWith("127.");
        if (!loopbackOnly && (token == null || token.isBlank())) {
            throw new IllegalArgumentException(
                    "serving "
                            + bindHost
                            + " (beyond this machine) needs a token: pass --token or set"
                            + " INSTFLOW_DASHBOARD_TOKEN");
        }
        if (token != null && !token.matches("[A-Za-z0-9._~-]{16,}")) {
            throw new IllegalArgumentException(
                    "the dashboard token must be at least 16 characters of A-Z a-z 0-9 . _ ~ -"
                            + " (it travels in URLs and cookies unencoded)");
        }
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether the request carries the token, in any of the three ways; true when none is required.
     *
     * @param query the raw query string, or null
     */
    boolean authorized(String authorization, String query, String cookies) {
        if (token == null) {
            return true;
        }
        if (authorization != null
                && authorization.startsWith("Bearer ")
                && matches(authorization.substring("Bearer ".length()).trim())) {
            return true;
        }
        String fromQuery = queryToken(query);
        if (fromQuery != null && matches(fromQuery)) {
            return true;
        }
        if (cookies != null) {
            for (String cookie : cookies.split(";")) {
                String c = cookie.trim();
                if (c.startsWith(COOKIE + "=") && matches(c.substring(COOKIE.length() + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The {@code Set-Cookie} value that lets the page's own requests (its event stream cannot send
     * headers) carry the token, when the query holds the right one; null otherwise.
     */
    String cookieFor(String query) {
        String fromQuery = queryToken(query);
        return token != null && fromQuery != null && matches(fromQuery)
                ? COOKIE + "=" + fromQuery + "; HttpOnly; SameSite=Strict; Path=/"
                : null;
    }

    private static String queryToken(String query) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("token=")) {
                    return pair.substring("token=".length());
                }
            }
        }
        return null;
    }

    /** Constant-time, so the comparison's duration says nothing about the token. */
    private boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** A refusal: the status and why. */
    record Refusal(int status, String reason) {}

    /** Why the request must be refused, or null when it may be served. */
    Refusal check(String method, String host, String origin) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return new Refusal(405, "only GET and HEAD are served");
        }
        if (!loopbackOnly) {
            return null;
        }
        if (host == null || !LOOPBACK_NAMES.contains(hostName(host))) {
            return new Refusal(
                    403,
                    "Host '" + host + "' is not this machine's; open the dashboard at localhost");
        }
        if (origin != null
                && !origin.equals("null")
                && !LOOPBACK_NAMES.contains(originHost(origin))) {
            return new Refusal(403, "requests from " + origin + " are not served");
        }
        return null;
    }

    /** The name of a Host header without its port. */
    private static String hostName(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String originHost(String origin) {
        try {
            String host = URI.create(origin).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
