package io.instflow.barchart.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Chain responses in the shape of the website's options endpoint (the captures in
 * ../shared/testdata/barchart): rows grouped by {@code Call} and {@code Put}, each with its
 * formatted fields and a {@code raw} object, a trade today shown as a clock time in CT. For tests
 * that need a chain of contracts no capture holds, or one that changes between polls.
 */
public final class ChainResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("H:mm 'CT'").withZone(ZoneId.of("America/Chicago"));

    /** One contract of the chain; prices in index points, {@code tradeTime} today's last trade. */
    public record Row(
            String barchartSymbol,
            double strike,
            boolean call,
            double bid,
            double ask,
            double last,
            long volume,
            long openInterest,
            Instant tradeTime) {}

    private ChainResponses() {}

    public static String chain(List<Row> rows) {
        ObjectNode root = JSON.createObjectNode();
        root.put("count", rows.size()).put("total", rows.size());
        ObjectNode data = root.putObject("data");
        ArrayNode calls = data.putArray("Call");
        ArrayNode puts = data.putArray("Put");
        for (Row r : rows) {
            (r.call() ? calls : puts).add(row(r));
        }
        return root.toString();
    }

    private static ObjectNode row(Row r) {
        String type = r.call() ? "Call" : "Put";
        ObjectNode row = JSON.createObjectNode();
        row.put("strike", String.format(Locale.ROOT, "%,.2f%s", r.strike(), r.call() ? "C" : "P"))
                .put("bidPrice", points(r.bid()))
                .put("askPrice", points(r.ask()))
                .put("lastPrice", points(r.last()))
                .put("volume", String.format(Locale.ROOT, "%,d", r.volume()))
                .put("openInterest", String.format(Locale.ROOT, "%,d", r.openInterest()))
                .put("tradeTime", CLOCK.format(r.tradeTime()))
                .put("symbol", r.barchartSymbol())
                .put("optionType", type);
        row.putObject("raw")
                .put("strike", r.strike())
                .put("bidPrice", r.bid())
                .put("askPrice", r.ask())
                .put("lastPrice", r.last())
                .put("volume", r.volume())
                .put("openInterest", r.openInterest())
                .put("tradeTime", r.tradeTime().getEpochSecond())
                .put("symbol", r.barchartSymbol())
                .put("optionType", type);
        return row;
    }

    private static String points(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }
}
