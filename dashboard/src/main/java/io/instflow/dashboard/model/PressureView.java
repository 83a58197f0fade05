package io.instflow.dashboard.model;

import io.instflow.avro.OptionType;
import io.instflow.avro.PressureMetrics;

/**
 * One contract's aggressor volumes in one window, the ladder's input. Times in ns since the epoch;
 * {@code delayMs} is the data delay of a degraded (backup-source) window, null otherwise.
 */
public record PressureView(
        long instrumentId,
        String underlying,
        double strike,
        boolean call,
        long windowStart,
        long windowEnd,
        long buyVolume,
        long sellVolume,
        String source,
        boolean degraded,
        Long delayMs) {

    public static PressureView of(PressureMetrics p) {
        return new PressureView(
                p.getInstrumentId(),
                p.getUnderlying(),
                Prices.points(p.getStrikePrice()),
                p.getOptionType() == OptionType.CALL,
                p.getWindowStart(),
                p.getWindowEnd(),
                p.getBuyVolume(),
                p.getSellVolume(),
                p.getSource(),
                p.getDegraded(),
                p.getDelayMs());
    }
}
