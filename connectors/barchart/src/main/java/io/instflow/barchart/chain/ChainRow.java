package io.instflow.barchart.chain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of a Barchart option chain as received: numbers from the row's {@code raw} object, and
 * the two facts only the formatted strings carry (spec/barchart.md §3.2): whether {@code lastPrice}
 * is a settlement (suffix {@code s}) and whether {@code tradeTime} is a clock time or only a date.
 * Prices are index points; 0 means "none" as Barchart sends it (normalisation turns it into
 * absent).
 */
public record ChainRow(
        String symbol,
        String optionType,
        BigDecimal strike,
        double bid,
        double ask,
        double last,
        boolean settlement,
        Long tradeTimeEpochSeconds,
        boolean tradeTimeIsClock,
        LocalDate tradeDate,
        Long volume,
        Long openInterest,
        Double impliedVolatilityPercent,
        Double delta,
        double priceChange) {}
