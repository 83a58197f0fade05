package io.instflow.dashboard.model;

import io.instflow.avro.Components;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A signal as the page shows it: marker position, colour and size inputs, and the tooltip's
 * contract, confidence, components and reasons. Times in seconds since the epoch.
 */
public record SignalView(
        String id,
        long windowStart,
        long windowEnd,
        String underlying,
        String rawSymbol,
        double strike,
        String optionType,
        long expiration,
        String direction,
        String tier,
        String action,
        double confidence,
        Double zScore,
        double buyShare,
        long trades,
        long buyVolume,
        long sellVolume,
        ComponentsView components,
        double coordination,
        double mmProbability,
        double spoofRatio,
        Double underlyingPrice,
        String profile,
        String source,
        boolean degraded,
        Long delayMs,
        List<String> reasons) {

    /** The score components of the signal record. */
    public record ComponentsView(
            double significance,
            double trend,
            double concentration,
            double persistence,
            double raw) {}

    public static SignalView of(Signal s) {
        PressureMetrics m = s.getMetrics();
        Components c = s.getComponents();
        return new SignalView(
                s.getSignalId(),
                m.getWindowStart() / 1_000_000_000L,
                m.getWindowEnd() / 1_000_000_000L,
                m.getUnderlying(),
                m.getRawSymbol(),
                Prices.points(m.getStrikePrice()),
                m.getOptionType().name(),
                m.getExpiration() / 1_000_000_000L,
                s.getDirection().name(),
                s.getTier().name(),
                s.getAction().name(),
                s.getFinalConfidence(),
                s.getZScore(),
                m.getBuyShare(),
                m.getTrades(),
                m.getBuyVolume(),
                m.getSellVolume(),
                new ComponentsView(
                        c.getSignificance(),
                        c.getTrend(),
                        c.getConcentration(),
                        c.getPersistence(),
                        c.getRaw()),
                s.getCoordination(),
                s.getMmProbability(),
                s.getSpoofRatio(),
                s.getUnderlyingPrice() == null ? null : Prices.points(s.getUnderlyingPrice()),
                s.getProfile(),
                m.getSource(),
                m.getDegraded(),
                m.getDelayMs(),
                reasons(s));
    }

    /** Why the detector fired, in a trader's words, from the record's own figures. */
    static List<String> reasons(Signal s) {
        PressureMetrics m = s.getMetrics();
        List<String> reasons = new ArrayList<>();
        String side = m.getBuyShare() >= 0.5 ? "buy" : "sell";
        double share = m.getBuyShare() >= 0.5 ? m.getBuyShare() : 1 - m.getBuyShare();
        reasons.add(
                String.format(
                        Locale.ROOT,
                        "%.0f%% %s-aggressor volume over %d trades (%d bought, %d sold)",
                        share * 100,
                        side,
                        m.getTrades(),
                        m.getBuyVolume(),
                        m.getSellVolume()));
        if (s.getZScore() != null) {
            reasons.add(
                    String.format(
                            Locale.ROOT,
                            "pressure %.1f standard deviations from its baseline%s",
                            s.getZScore(),
                            s.getPercentileRank() == null
                                    ? ""
                                    : String.format(
                                            Locale.ROOT,
                                            " (percentile %.0f)",
                                            s.getPercentileRank())));
        }
        if (s.getCoordination() > 0) {
            reasons.add(
                    String.format(
                            Locale.ROOT,
                            "coordinated with nearby strikes (%.2f)",
                            s.getCoordination()));
        }
        if (s.getComponents().getPersistence() > 0) {
            reasons.add(
                    String.format(
                            Locale.ROOT,
                            "persistent in %.0f%% of recent windows",
                            s.getComponents().getPersistence() * 100));
        }
        if (m.getBlockTrades() > 0) {
            reasons.add(m.getBlockTrades() + " block trade" + (m.getBlockTrades() == 1 ? "" : "s"));
        }
        reasons.add(
                String.format(
                        Locale.ROOT,
                        "market-making %.2f, spoofing %.2f: below their gates",
                        s.getMmProbability(),
                        s.getSpoofRatio()));
        if (m.getDegraded()) {
            reasons.add(
                    "degraded data from "
                            + m.getSource()
                            + (m.getDelayMs() == null
                                    ? ""
                                    : String.format(
                                            Locale.ROOT,
                                            ", delayed %.0f min",
                                            m.getDelayMs() / 60_000.0))
                            + ": volume from snapshot differences, buy/sell split estimated from last against the quote");
        }
        return reasons;
    }
}
