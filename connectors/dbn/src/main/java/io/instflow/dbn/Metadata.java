package io.instflow.dbn;

import java.util.List;

/**
 * The DBN metadata header, materialised. Times are ns since the UNIX epoch; {@code end} is {@link
 * DbnConstants#UNDEF_TIMESTAMP} when open; {@code schemaId} is {@link Schema#NONE_ID} for mixed
 * (live) streams and {@code stypeIn} is {@link SType#NONE_ID} there.
 *
 * @param version DBN version, 1 to 3
 * @param dataset dataset code, e.g. {@code GLBX.MDP3}
 * @param schemaId schema id, see {@link Schema}
 * @param start query start (ns)
 * @param end query end (ns, exclusive) or undefined
 * @param limit maximum records requested, 0 for none
 * @param stypeIn input symbology id, see {@link SType}
 * @param stypeOut output symbology id
 * @param tsOut whether every record carries the 8-byte gateway send time
 * @param symbols requested symbols
 * @param partial symbols that did not resolve for at least one day
 * @param notFound symbols that did not resolve on any day
 * @param mappings per-symbol date intervals of resolved values
 */
public record Metadata(
        int version,
        String dataset,
        int schemaId,
        long start,
        long end,
        long limit,
        int stypeIn,
        int stypeOut,
        boolean tsOut,
        List<String> symbols,
        List<String> partial,
        List<String> notFound,
        List<SymbolMapping> mappings) {

    public Metadata {
        symbols = List.copyOf(symbols);
        partial = List.copyOf(partial);
        notFound = List.copyOf(notFound);
        mappings = List.copyOf(mappings);
    }

    /** Symbol string width in this version's metadata and records. */
    public int symbolCstrLen() {
        return version == 1 ? DbnConstants.SYMBOL_CSTR_LEN_V1 : DbnConstants.SYMBOL_CSTR_LEN;
    }

    /** The schema's API name, or {@code null} for a mixed stream. */
    public String schemaName() {
        return Schema.nameOf(schemaId);
    }

    /** The same metadata declared as another version (used when upgrading on write). */
    public Metadata withVersion(int newVersion) {
        return new Metadata(
                newVersion,
                dataset,
                schemaId,
                start,
                end,
                limit,
                stypeIn,
                stypeOut,
                tsOut,
                symbols,
                partial,
                notFound,
                mappings);
    }

    /** One input symbol and its resolved values over date intervals. */
    public record SymbolMapping(String rawSymbol, List<MappingInterval> intervals) {
        public SymbolMapping {
            intervals = List.copyOf(intervals);
        }
    }

    /**
     * A resolved value valid on UTC dates [startDate, endDate), dates as YYYYMMDD numbers.
     *
     * @param symbol the value in the output symbology (instrument id as text for raw_symbol to
     *     instrument_id requests); empty means no mapping
     */
    public record MappingInterval(int startDate, int endDate, String symbol) {}
}
