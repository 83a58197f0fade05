package io.instflow.databento;

import java.util.List;

/**
 * One live subscription: a schema for symbols of one symbology, optionally with a book snapshot or
 * an intraday replay from {@code start} (ns since the epoch, within the last 24 hours).
 */
public record Subscription(
        String schema, String stypeIn, List<String> symbols, boolean snapshot, Long start) {

    public Subscription {
        symbols = List.copyOf(symbols);
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException(
                    "a subscription needs at least one symbol (or ALL_SYMBOLS)");
        }
        if (snapshot && start != null) {
            throw new IllegalArgumentException(
                    "snapshot and start cannot be combined in one subscription");
        }
    }

    /** The same subscription resuming from {@code startNs} (no snapshot). */
    public Subscription from(long startNs) {
        return new Subscription(schema, stypeIn, symbols, false, startNs);
    }
}
