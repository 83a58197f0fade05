package io.instflow.barchart.chain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One contract of a normalised Barchart snapshot (spec/barchart.md §5.1). Absent means absent: a
 * zero bid, ask or last from Barchart becomes null, never a zero price; a date-only trade time
 * keeps only its date; volume counts for the current session only when the contract traded in it.
 *
 * @param cmeRoot null when the row's series is not a known NQ series (kept and counted, never
 *     dropped)
 * @param rawSymbol Databento's raw symbol, e.g. {@code QN4M5 C21900}; null when unmapped
 * @param volume the volume Barchart reports, of whichever session the contract last traded in; null
 *     for "N/A"
 * @param sessionVolume contracts traded in the current Globex session (0 when the row's volume is
 *     the previous session's)
 * @param previousSessionVolume the row's volume when it belongs to an earlier session, else null
 * @param impliedVolatility a fraction (Barchart sends percent); null when absent or 0
 */
public record OptionQuote(
        String barchartSymbol,
        String cmeRoot,
        String rawSymbol,
        LocalDate expiration,
        BigDecimal strike,
        char right,
        Double bid,
        Double ask,
        Double last,
        boolean settlement,
        Instant lastTradeTime,
        LocalDate lastTradeDate,
        Long volume,
        long sessionVolume,
        Long previousSessionVolume,
        Long openInterest,
        Double impliedVolatility,
        Double delta) {

    public boolean twoSided() {
        return bid != null && ask != null;
    }
}
