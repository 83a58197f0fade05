package io.instflow.ifd.model;

import io.instflow.book.Aggressor;

import java.util.Arrays;

/**
 * The running totals of one contract over one window: classified trade volume, notional, block
 * trades, time-weighted quote sizes, symmetric two-sided quote updates, and large orders cancelled
 * unfilled (spoof candidates). Mutable; merged across window panes by {@link #merge}.
 */
public final class WindowStats {

    public long buyVolume;
    public long sellVolume;
    public long unknownVolume;
    public long trades;
    public long maxTradeSize;
    public long blockTrades;

    /** Sum of price (index points) x size, for VWAP. */
    public double priceVolume;

    public long quoteUpdates;
    public long symmetricQuoteUpdates;

    /** Sum of best bid/ask size weighted by the ns they were displayed. */
    public double bidSizeTime;

    public double askSizeTime;
    public double quoteTime;
    public long spoofBidSize;
    public long spoofAskSize;
    public long lastTradePrice;

    /** Built from the Barchart backup's estimated flow, not from classified MBO trades. */
    public boolean degraded;

    /** Largest data delay of the degraded flow in the window, ms. */
    public long delayMs;

    /** At most this many prints are kept per window; later ones are counted in trades only. */
    public static final int MAX_PRINTS = 128;

    /**
     * The window's larger prints, for v3.1's structure detection and event evidence: {ts_event ns,
     * size, code} triples in arrival order, {@link #printCount} of them (the last may be smaller
     * than the minimum, see {@link #addPrint}). The code holds the aggressor, {@link #INFERRED}
     * when the side was inferred, and from bit {@link #LEVELS_SHIFT} the price levels the print
     * took. Empty unless the job records prints.
     */
    public long[] prints = new long[0];

    /** Marks a print's aggressor as inferred from the quotes (the trade came with side N). */
    static final int INFERRED = 8;

    private static final int LEVELS_SHIFT = 4;
    private static final long LEVEL = 1L << LEVELS_SHIFT;

    public int printCount;

    /** Price (1e-9 units) of the last trade of the last print: a new price is a new level. */
    public long printPriceE9;

    /** Aggressive orders (prints of any size) on each side: volume / orders is the mean order. */
    public long buyOrders;

    public long sellOrders;

    /** Adds one classified trade (price in 1e-9 units). */
    public void addTrade(int aggressor, long size, long priceE9, long blockSize) {
        if (aggressor == Aggressor.BUY) {
            buyVolume += size;
        } else if (aggressor == Aggressor.SELL) {
            sellVolume += size;
        } else {
            unknownVolume += size;
        }
        trades++;
        maxTradeSize = Math.max(maxTradeSize, size);
        if (size >= blockSize) {
            blockTrades++;
        }
        priceVolume += priceE9 / 1e9 * size;
        lastTradePrice = priceE9;
    }

    /**
     * Adds a top-of-book state that was displayed for {@code durationNs}; a two-sided quote whose
     * sizes are within 20 % of each other counts as market-maker-like.
     */
    public void addQuote(long bidSize, long askSize, long durationNs) {
        quoteUpdates++;
        if (bidSize > 0
                && askSize > 0
                && Math.abs(bidSize - askSize) <= 0.2 * Math.max(bidSize, askSize)) {
            symmetricQuoteUpdates++;
        }
        bidSizeTime += (double) bidSize * durationNs;
        askSizeTime += (double) askSize * durationNs;
        quoteTime += durationNs;
    }

    /**
     * Records one trade for {@link #prints}. Trades of one match event (same ts_event, same
     * aggressor side: one aggressor order sweeping levels) make one print, a level more at each new
     * price; a finished print smaller than {@code minSize} is replaced by the next.
     *
     * @param inferred the trade came with side N and its aggressor was inferred
     */
    public void addPrint(
            long tsNs, int aggressor, boolean inferred, long size, long priceE9, long minSize) {
        long code = aggressor | (inferred ? INFERRED : 0);
        if (printCount > 0) {
            int last = printCount - 1;
            if (printTsNs(last) == tsNs && (prints[last * 3 + 2] & (LEVEL - 1)) == code) {
                prints[last * 3 + 1] += size;
                if (priceE9 != printPriceE9) {
                    prints[last * 3 + 2] += LEVEL;
                    printPriceE9 = priceE9;
                }
                return;
            }
        }
        if (aggressor == Aggressor.BUY) {
            buyOrders++;
        } else if (aggressor == Aggressor.SELL) {
            sellOrders++;
        }
        printPriceE9 = priceE9;
        append(tsNs, size, code | LEVEL, minSize);
    }

    /** Records a trade printed with its side (B or A). */
    public void addPrint(long tsNs, int aggressor, long size, long priceE9, long minSize) {
        addPrint(tsNs, aggressor, false, size, priceE9, minSize);
    }

    /** Appends a print, first dropping the last one when it finished below {@code minSize}. */
    private void append(long tsNs, long size, long code, long minSize) {
        if (printCount > 0 && printSize(printCount - 1) < minSize) {
            printCount--;
        }
        if (printCount == MAX_PRINTS) {
            return;
        }
        if (prints.length < (printCount + 1) * 3) {
            prints = Arrays.copyOf(prints, Math.min(MAX_PRINTS, Math.max(4, printCount * 2)) * 3);
        }
        prints[printCount * 3] = tsNs;
        prints[printCount * 3 + 1] = size;
        prints[printCount * 3 + 2] = code;
        printCount++;
    }

    public long printTsNs(int i) {
        return prints[i * 3];
    }

    public long printSize(int i) {
        return prints[i * 3 + 1];
    }

    public int printAggressor(int i) {
        return (int) prints[i * 3 + 2] & (INFERRED - 1);
    }

    /** Price levels the print took: 2 or more make it a sweep. */
    public int printLevels(int i) {
        return (int) (prints[i * 3 + 2] >>> LEVELS_SHIFT);
    }

    /** Mean aggressive order size on {@code aggressor}'s side, 0 when no order was recorded. */
    public double meanOrderSize(int aggressor) {
        long orders = aggressor == Aggressor.BUY ? buyOrders : sellOrders;
        long volume = aggressor == Aggressor.BUY ? buyVolume : sellVolume;
        return orders == 0 ? 0 : (double) volume / orders;
    }

    /** Whether the print's aggressor was inferred (it came with side N, as spread legs do). */
    public boolean printInferred(int i) {
        return (prints[i * 3 + 2] & INFERRED) != 0;
    }

    /** Adds a large order cancelled unfilled within the spoofing lifetime, on its side. */
    public void addSpoof(boolean bid, long size) {
        if (bid) {
            spoofBidSize += size;
        } else {
            spoofAskSize += size;
        }
    }

    /** Adds volume between two Barchart snapshots, its side estimated (spec/barchart.md §5.3). */
    public void addEstimatedFlow(
            int aggressor, long size, long priceE9, long blockSize, long delay) {
        addTrade(aggressor, size, priceE9, blockSize);
        degraded = true;
        delayMs = Math.max(delayMs, delay);
    }

    public WindowStats merge(WindowStats o) {
        degraded |= o.degraded;
        delayMs = Math.max(delayMs, o.delayMs);
        buyVolume += o.buyVolume;
        sellVolume += o.sellVolume;
        unknownVolume += o.unknownVolume;
        trades += o.trades;
        maxTradeSize = Math.max(maxTradeSize, o.maxTradeSize);
        blockTrades += o.blockTrades;
        priceVolume += o.priceVolume;
        quoteUpdates += o.quoteUpdates;
        symmetricQuoteUpdates += o.symmetricQuoteUpdates;
        bidSizeTime += o.bidSizeTime;
        askSizeTime += o.askSizeTime;
        quoteTime += o.quoteTime;
        spoofBidSize += o.spoofBidSize;
        spoofAskSize += o.spoofAskSize;
        if (o.lastTradePrice != 0) {
            lastTradePrice = o.lastTradePrice;
        }
        buyOrders += o.buyOrders;
        sellOrders += o.sellOrders;
        for (int i = 0; i < o.printCount; i++) {
            append(o.printTsNs(i), o.printSize(i), o.prints[i * 3 + 2], 0);
        }
        return this;
    }

    public long classifiedVolume() {
        return buyVolume + sellVolume;
    }

    public double logPressure() {
        return PressureMath.logPressure(buyVolume, sellVolume);
    }

    public double buyShare() {
        return PressureMath.buyShare(buyVolume, sellVolume);
    }

    /** Share of quote updates that were two-sided and size-symmetric. */
    public double quoteMarketMaking() {
        return quoteUpdates == 0 ? 0 : (double) symmetricQuoteUpdates / quoteUpdates;
    }
}
