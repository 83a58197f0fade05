package io.instflow.barchart.flow;

import java.time.Instant;

/**
 * Contracts traded in one contract between two Barchart snapshots, with a buy/sell split that is an
 * estimate (from the last price against the quote): Barchart has no aggressor side.
 *
 * @param side BUY, SELL or UNKNOWN: where the whole new volume was attributed
 */
public record ContractFlow(
        String rawSymbol,
        Instant from,
        Instant to,
        long volume,
        long estimatedBuy,
        long estimatedSell,
        long unknown,
        String side) {}
