package io.instflow.dashboard.server;

import java.net.URI;
import java.util.Set;

/**
 * What the dashboard refuses before serving: on a loopback bind, a request whose {@code Host} or
 * {@code Origin} names another site (a page elsewhere resolving its own name to 127.0.0.1, DNS
 * rebinding, must not read the dashboard), and any method but GET and HEAD.
 */
final class RequestGuard {

    private static final Set<String> LOOPBACK_NAMES =
            Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final boolean loopbackOnly;

    /**
     * @param bindHost the address the server listens on
     */
    RequestGuard(String bindHost) {
        this.loopbackOnly = LOOPBACK_NAMES.contains(bindHost) || bindHost.startsWith("127.");
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
