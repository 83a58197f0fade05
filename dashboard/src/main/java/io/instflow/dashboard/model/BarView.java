package io.instflow.dashboard.model;

import io.instflow.avro.Bar;

/**
 * A futures bar as the page draws it: time in seconds since the epoch (the chart's unit), prices in
 * index points.
 */
public record BarView(
        String symbol,
        int interval,
        long time,
        double open,
        double high,
        double low,
        double close,
        long volume,
        long buyVolume,
        long sellVolume,
        long delta,
        long trades,
        boolean degraded) {

    public static BarView of(Bar bar) {
        return new BarView(
                bar.getSymbol(),
                bar.getIntervalSeconds(),
                bar.getWindowStart() / 1_000_000_000L,
                Prices.points(bar.getOpen()),
                Prices.points(bar.getHigh()),
                Prices.points(bar.getLow()),
                Prices.points(bar.getClose()),
                bar.getVolume(),
                bar.getBuyVolume(),
                bar.getSellVolume(),
                bar.getDelta(),
                bar.getTrades(),
                bar.getDegraded());
    }
}
