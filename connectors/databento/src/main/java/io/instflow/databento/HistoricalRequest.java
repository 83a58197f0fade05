package io.instflow.databento;

import java.util.List;

/**
 * A {@code timeseries.get_range} request. Times are ISO-8601 dates or datetimes, or integer ns
 * since the epoch, as the API accepts them; {@code end} (exclusive) and {@code limit} may be null.
 */
public record HistoricalRequest(
        String dataset,
        String schema,
        List<String> symbols,
        String stypeIn,
        String start,
        String end,
        Long limit) {

    /** Most symbols one request may name. */
    public static final int MAX_SYMBOLS = 2000;

    public HistoricalRequest {
        symbols = List.copyOf(symbols);
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("--symbols is required (or ALL_SYMBOLS)");
        }
        if (symbols.size() > MAX_SYMBOLS) {
            throw new IllegalArgumentException(
                    "at most "
                            + MAX_SYMBOLS
                            + " symbols per request, got "
                            + symbols.size()
                            + "; split the request or use a parent symbol such as NQ.OPT");
        }
        if (start == null || start.isBlank()) {
            throw new IllegalArgumentException(
                    "--start is required (e.g. 2026-11-02 or 2026-11-02T14:30:00Z)");
        }
    }
}
