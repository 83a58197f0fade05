package io.instflow.databento;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The text control phase of Databento's live subscription gateway: parsing its lines, answering the
 * CRAM challenge, and building the authentication, subscription and start lines. Pure string work,
 * no I/O.
 */
public final class GatewayProtocol {

    /** Most symbols one subscription line may carry. */
    public static final int MAX_SYMBOLS_PER_LINE = 500;

    private GatewayProtocol() {}

    /** Parses {@code key=value|key=value}; values may contain '='. */
    public static Map<String, String> parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String part : line.strip().split("\\|")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return fields;
    }

    /** {@code hex(sha256(challenge + "|" + key)) + "-" + bucket id}. */
    public static String cramResponse(String challenge, ApiKey key) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(
                                    (challenge + "|" + key.reveal())
                                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + "-" + key.bucketId();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String authLine(
            String cramResponse,
            String dataset,
            boolean zstd,
            boolean tsOut,
            int heartbeatSeconds,
            String client) {
        return "auth="
                + cramResponse
                + "|dataset="
                + dataset
                + "|encoding=dbn|compression="
                + (zstd ? "zstd" : "none")
                + "|ts_out="
                + (tsOut ? 1 : 0)
                + "|heartbeat_interval_s="
                + heartbeatSeconds
                + "|client="
                + client
                + "\n";
    }

    /** The lines of one subscription, at most 500 symbols each, is_last=1 on the final one. */
    public static List<String> subscriptionLines(Subscription s, int id) {
        List<String> lines = new ArrayList<>();
        List<String> symbols = s.symbols();
        for (int from = 0; from < symbols.size(); from += MAX_SYMBOLS_PER_LINE) {
            int to = Math.min(symbols.size(), from + MAX_SYMBOLS_PER_LINE);
            StringBuilder line =
                    new StringBuilder()
                            .append("schema=")
                            .append(s.schema())
                            .append("|stype_in=")
                            .append(s.stypeIn())
                            .append("|symbols=")
                            .append(String.join(",", symbols.subList(from, to)))
                            .append("|snapshot=")
                            .append(s.snapshot() ? 1 : 0);
            if (s.start() != null) {
                line.append("|start=").append(Long.toUnsignedString(s.start()));
            }
            line.append("|id=")
                    .append(id)
                    .append("|is_last=")
                    .append(to == symbols.size() ? 1 : 0)
                    .append('\n');
            lines.add(line.toString());
        }
        return lines;
    }

    public static String startSessionLine() {
        return "start_session\n";
    }
}
