package io.instflow.ifd.model;

import io.instflow.book.Aggressor;

/** A futures bar being built from classified trades (a Flink POJO). Prices in 1e-9 units. */
public class BarState {

    public long open;
    public long high = Long.MIN_VALUE;
    public long low = Long.MAX_VALUE;
    public long close;
    public long volume;
    public long buyVolume;
    public long sellVolume;
    public long unknownVolume;
    public long trades;
    public double priceVolume;

    public BarState() {}

    public void add(long price, long size, int aggressor) {
        if (trades == 0) {
            open = price;
        }
        high = Math.max(high, price);
        low = Math.min(low, price);
        close = price;
        volume += size;
        trades++;
        priceVolume += price / 1e9 * size;
        if (aggressor == Aggressor.BUY) {
            buyVolume += size;
        } else if (aggressor == Aggressor.SELL) {
            sellVolume += size;
        } else {
            unknownVolume += size;
        }
    }

    public long delta() {
        return buyVolume - sellVolume;
    }
}
