package io.instflow.barchart.futures;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One futures quote from Barchart (spec/barchart.md §5.2), prices in the contract's points; zero
 * bids, asks and lasts are absent, and a date-only trade time keeps only its date.
 *
 * @param symbol the Databento form with a one-digit year, e.g. {@code NQU5}; the Barchart symbol
 *     for cash rows
 * @param previousSettlement Barchart's {@code previousPrice}
 */
public record FuturesQuote(
        String symbol,
        String barchartSymbol,
        boolean cash,
        Double last,
        boolean settlement,
        Double bid,
        Double ask,
        Double previousSettlement,
        Instant lastTradeTime,
        LocalDate lastTradeDate,
        Long volume,
        Long openInterest) {}
