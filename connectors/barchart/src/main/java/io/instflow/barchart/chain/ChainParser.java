package io.instflow.barchart.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses {@code /proxies/core-api/v1/quotes/get} option-chain bodies in any of their envelopes
 * ({@code groupBy=optionType}, {@code groupBy=strikePrice}, or a plain list). Tolerant where the
 * spec says Barchart varies (integers and decimals in one column, nulls, extra fields), strict
 * where a silent misreading would follow (no {@code data}, a row without {@code raw}).
 */
public final class ChainParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CLOCK = Pattern.compile("\\d{1,2}:\\d{2} CT");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yy");

    private ChainParser() {}

    public static ParsedChain parse(byte[] body) throws SchemaDriftException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new SchemaDriftException("the chain response is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.has("data")) {
            throw new SchemaDriftException("the chain response has no 'data' member");
        }
        List<JsonNode> rows = new ArrayList<>();
        JsonNode data = root.get("data");
        if (data.isArray()) {
            data.forEach(rows::add);
        } else if (data.isObject()) {
            for (JsonNode group : data) {
                if (!group.isArray()) {
                    throw new SchemaDriftException("a 'data' group is not a list of rows");
                }
                group.forEach(rows::add);
            }
        } else {
            throw new SchemaDriftException("'data' is neither a list nor an object of groups");
        }
        List<ChainRow> parsed = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            parsed.add(row(row));
        }
        return new ParsedChain(root.path("total").asInt(parsed.size()), parsed);
    }

    private static ChainRow row(JsonNode row) throws SchemaDriftException {
        JsonNode raw = row.get("raw");
        if (raw == null || !raw.isObject()) {
            throw new SchemaDriftException(
                    "a row has no 'raw' object (was raw=1 sent?): " + abbreviate(row));
        }
        String symbol = text(raw, "symbol");
        if (symbol == null || !raw.path("strike").isNumber()) {
            throw new SchemaDriftException(
                    "a row lacks 'symbol' or a numeric 'strike': " + abbreviate(row));
        }
        String formattedLast = row.path("lastPrice").asText("");
        String formattedTime = row.path("tradeTime").asText("");
        boolean clock = CLOCK.matcher(formattedTime).matches();
        LocalDate tradeDate = null;
        if (!clock && formattedTime.matches("\\d{2}/\\d{2}/\\d{2}")) {
            tradeDate = LocalDate.parse(formattedTime, DATE);
        }
        Long tradeTime = raw.path("tradeTime").isNumber() ? raw.get("tradeTime").asLong() : null;
        if (clock && tradeTime != null) {
            tradeDate =
                    java.time.Instant.ofEpochSecond(tradeTime)
                            .atZone(java.time.ZoneId.of("America/Chicago"))
                            .toLocalDate();
        }
        return new ChainRow(
                symbol,
                text(raw, "optionType"),
                raw.get("strike").decimalValue(),
                number(raw, "bidPrice"),
                number(raw, "askPrice"),
                number(raw, "lastPrice"),
                formattedLast.endsWith("s"),
                tradeTime,
                clock,
                tradeDate,
                longOrNull(raw, "volume"),
                longOrNull(raw, "openInterest"),
                doubleOrNull(raw, "optImpliedVolatility"),
                doubleOrNull(raw, "delta"),
                number(raw, "priceChange"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asDouble() : 0;
    }

    private static Long longOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asLong() : null;
    }

    private static Double doubleOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    private static String abbreviate(JsonNode row) {
        String s = row.toString();
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
