package io.instflow.barchart.client;

import java.net.HttpCookie;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Cookies of a Barchart session and the XSRF header derived from them. Values are secrets: this
 * class never prints them ({@link #toString} names the cookies only).
 */
final class CookieJar {

    private final Map<String, String> cookies = new LinkedHashMap<>();

    void accept(List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            for (HttpCookie c : HttpCookie.parse(header)) {
                cookies.put(c.getName(), c.getValue());
            }
        }
    }

    /** Parses a {@code Cookie:} header value, {@code a=1; b=2}. */
    void acceptHeader(String header) {
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                cookies.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
    }

    boolean isEmpty() {
        return cookies.isEmpty();
    }

    void clear() {
        cookies.clear();
    }

    String header() {
        return cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    /** The XSRF-TOKEN cookie URL-decoded until stable (some servers encode it twice), or null. */
    String xsrfToken() {
        String token = cookies.get("XSRF-TOKEN");
        if (token == null) {
            return null;
        }
        for (int i = 0; i < 3; i++) {
            String decoded = URLDecoder.decode(token, StandardCharsets.UTF_8);
            if (decoded.equals(token)) {
                break;
            }
            token = decoded;
        }
        return token;
    }

    @Override
    public String toString() {
        return "cookies " + cookies.keySet();
    }
}
