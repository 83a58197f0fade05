package io.instflow.ifd.io;

import io.instflow.avro.Bar;
import io.instflow.avro.OptionType;
import io.instflow.avro.PressureMetrics;
import io.instflow.ifd.logic.BaselineSeed;
import io.instflow.ifd.model.ContractInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Baselines from a job's outputs (what {@code instflow backfill} folds): every pressure record is a
 * window the detector added to its contract's day, and the underlying's price at the window end is
 * the close of its last 1-minute bar ending at or before it, the futures' last trade the detector
 * would have read.
 */
public final class PressureBaselines {

    private PressureBaselines() {}

    /**
     * @param windows the job's pressure records, any order
     * @param bars the job's 1-minute bars (futures' bars give the underlying prices)
     */
    public static BaselineSeed fold(
            List<PressureMetrics> windows, List<Bar> bars, int windowMinutes, int lookbackDays) {
        Map<String, NavigableMap<Long, Long>> closes = new HashMap<>();
        for (Bar b : bars) {
            closes.computeIfAbsent(b.getSymbol(), s -> new TreeMap<>())
                    .put(b.getWindowEnd(), b.getClose());
        }
        List<PressureMetrics> ordered = new ArrayList<>(windows);
        ordered.sort(
                Comparator.comparingLong(PressureMetrics::getWindowStart)
                        .thenComparingLong(PressureMetrics::getInstrumentId));
        BaselineSeed.Builder seed = new BaselineSeed.Builder(windowMinutes, lookbackDays);
        for (PressureMetrics w : ordered) {
            NavigableMap<Long, Long> underlying = closes.get(w.getUnderlying());
            Map.Entry<Long, Long> last =
                    underlying == null ? null : underlying.floorEntry(w.getWindowEnd());
            seed.add(
                    contract(w),
                    w.getWindowStart(),
                    w.getWindowEnd(),
                    w.getLogPressure(),
                    w.getBuyVolume() + w.getSellVolume(),
                    last == null ? null : last.getValue());
        }
        return seed.build();
    }

    private static ContractInfo contract(PressureMetrics w) {
        ContractInfo c = new ContractInfo();
        c.instrumentId = w.getInstrumentId();
        c.rawSymbol = w.getRawSymbol();
        c.instrumentClass = w.getOptionType() == OptionType.CALL ? "C" : "P";
        c.root = w.getRoot();
        c.underlying = w.getUnderlying();
        c.expiration = w.getExpiration();
        c.strike = w.getStrikePrice();
        return c;
    }
}
