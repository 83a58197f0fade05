package io.instflow.dbn;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Instrument id to symbol at a point in time: from the date intervals of historical metadata, and
 * from live symbol mapping records, which override for their instrument. For rendering and
 * summaries, not the per-record hot path.
 */
public final class SymbolMap {

    private final Map<Long, List<Entry>> byDate = new HashMap<>();
    private final Map<Long, String> live = new HashMap<>();

    private record Entry(int startDate, int endDate, String symbol) {}

    /**
     * Builds the map from a metadata header's mappings (either direction of
     * raw_symbol/instrument_id).
     */
    public static SymbolMap fromMetadata(Metadata metadata) {
        SymbolMap map = new SymbolMap();
        if (metadata == null) {
            return map;
        }
        boolean outIsId = metadata.stypeOut() == SType.INSTRUMENT_ID.id();
        boolean inIsId = metadata.stypeIn() == SType.INSTRUMENT_ID.id();
        for (Metadata.SymbolMapping mapping : metadata.mappings()) {
            for (Metadata.MappingInterval interval : mapping.intervals()) {
                if (interval.symbol().isEmpty()) {
                    continue;
                }
                String idText = outIsId ? interval.symbol() : inIsId ? mapping.rawSymbol() : null;
                String symbol = outIsId ? mapping.rawSymbol() : interval.symbol();
                Long id = parseId(idText);
                if (id != null) {
                    map.byDate
                            .computeIfAbsent(id, k -> new ArrayList<>())
                            .add(new Entry(interval.startDate(), interval.endDate(), symbol));
                }
            }
        }
        return map;
    }

    /** Records a live mapping: from now on {@code instrumentId} is {@code symbol}. */
    public void put(long instrumentId, String symbol) {
        live.put(instrumentId, symbol);
    }

    /** The symbol of {@code instrumentId} on the UTC date of {@code tsNanos}, or {@code null}. */
    public String symbol(long instrumentId, long tsNanos) {
        String liveSymbol = live.get(instrumentId);
        if (liveSymbol != null) {
            return liveSymbol;
        }
        List<Entry> entries = byDate.get(instrumentId);
        if (entries == null || tsNanos == DbnConstants.UNDEF_TIMESTAMP) {
            return null;
        }
        int date = yyyymmdd(tsNanos);
        for (Entry e : entries) {
            if (date >= e.startDate && date < e.endDate) {
                return e.symbol;
            }
        }
        return null;
    }

    /** The UTC calendar date of a timestamp as the number YYYYMMDD. */
    public static int yyyymmdd(long tsNanos) {
        LocalDate d =
                LocalDate.ofInstant(
                        Instant.ofEpochSecond(Long.divideUnsigned(tsNanos, 1_000_000_000L)),
                        ZoneOffset.UTC);
        return d.getYear() * 10_000 + d.getMonthValue() * 100 + d.getDayOfMonth();
    }

    private static Long parseId(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
