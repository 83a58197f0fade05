package io.instflow.barchart.futures;

import io.instflow.barchart.chain.SchemaDriftException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses futures rows of {@code quotes/get} ({@code symbols=} or {@code
 * list=futures.contractInRoot}).
 */
public final class FuturesParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTRACT =
            Pattern.compile("([A-Z]{1,3})([FGHJKMNQUVXZ])(\\d{1,2})");
    private static final Pattern CLOCK = Pattern.compile("\\d{1,2}:\\d{2} CT");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yy");

    private FuturesParser() {}

    public static List<FuturesQuote> parse(byte[] body) throws SchemaDriftException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new SchemaDriftException("the futures response is not JSON: " + e.getMessage());
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray()) {
            throw new SchemaDriftException("the futures response has no 'data' list");
        }
        List<FuturesQuote> quotes = new ArrayList<>();
        for (JsonNode row : data) {
            JsonNode raw = row.get("raw");
            if (raw == null || !raw.isObject() || !raw.path("symbol").isTextual()) {
                throw new SchemaDriftException("a futures row has no 'raw' object with a symbol");
            }
            quotes.add(quote(row, raw));
        }
        return quotes;
    }

    private static FuturesQuote quote(JsonNode row, JsonNode raw) {
        String symbol = raw.get("symbol").asText();
        boolean cash = symbol.endsWith("Y00");
        String formattedTime = row.path("tradeTime").asText("");
        boolean clock = CLOCK.matcher(formattedTime).matches();
        Instant tradeTime =
                clock && raw.path("tradeTime").isNumber()
                        ? Instant.ofEpochSecond(raw.get("tradeTime").asLong())
                        : null;
        LocalDate tradeDate =
                tradeTime != null
                        ? tradeTime.atZone(ZoneId.of("America/Chicago")).toLocalDate()
                        : formattedTime.matches("\\d{2}/\\d{2}/\\d{2}")
                                ? LocalDate.parse(formattedTime, DATE)
                                : null;
        return new FuturesQuote(
                cash ? symbol : databentoForm(symbol),
                symbol,
                cash,
                positive(raw, "lastPrice"),
                row.path("lastPrice").asText("").endsWith("s"),
                positive(raw, "bidPrice"),
                positive(raw, "askPrice"),
                positive(raw, "previousPrice"),
                tradeTime,
                tradeDate,
                longOrNull(raw, "volume"),
                longOrNull(raw, "openInterest"));
    }

    /** {@code NQU25} or {@code NQU5} → {@code NQU5}. */
    public static String databentoForm(String symbol) {
        Matcher m = CONTRACT.matcher(symbol);
        if (!m.matches()) {
            return symbol;
        }
        String year = m.group(3);
        return m.group(1) + m.group(2) + year.charAt(year.length() - 1);
    }

    private static Double positive(JsonNode raw, String field) {
        JsonNode v = raw.get(field);
        return v != null && v.isNumber() && v.asDouble() > 0 ? v.asDouble() : null;
    }

    private static Long longOrNull(JsonNode raw, String field) {
        JsonNode v = raw.get(field);
        return v != null && v.isNumber() ? v.asLong() : null;
    }
}
