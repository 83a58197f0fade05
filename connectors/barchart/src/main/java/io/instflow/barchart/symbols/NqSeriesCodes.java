package io.instflow.barchart.symbols;

import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Barchart's codes for NQ option series and their CME roots, both ways (spec/barchart.md §4.2):
 * Monday week n is {@code MC(n+5)} = {@code Q(n)A}, Tuesday {@code MM(n)} = {@code Q(n)B},
 * Wednesday {@code MC(n)} = {@code Q(n)C}, Thursday {@code MM(n+5)} = {@code Q(n)D}, Friday {@code
 * MQ(n)} = {@code QN(n)}, end of month {@code MQ6} = {@code QNE}, and quarterly options use the
 * future's own root {@code NQ}. Monday and Thursday week 5 have no known Barchart code (they would
 * need a two-digit suffix), so they map to nothing rather than to a guess.
 */
public final class NqSeriesCodes {

    private static final Map<String, CmeSeries> BY_BARCHART_ROOT = new LinkedHashMap<>();
    private static final Map<String, String> BY_CME_ROOT = new LinkedHashMap<>();

    static {
        for (int week = 1; week <= 5; week++) {
            if (week <= 4) {
                add("MC" + (week + 5), weekly("Q" + week + "A", DayOfWeek.MONDAY, week));
                add("MM" + (week + 5), weekly("Q" + week + "D", DayOfWeek.THURSDAY, week));
                add("MQ" + week, weekly("QN" + week, DayOfWeek.FRIDAY, week));
            }
            add("MM" + week, weekly("Q" + week + "B", DayOfWeek.TUESDAY, week));
            add("MC" + week, weekly("Q" + week + "C", DayOfWeek.WEDNESDAY, week));
        }
        add("MQ6", new CmeSeries("QNE", CmeSeries.Kind.END_OF_MONTH, null, 0));
        add("NQ", new CmeSeries("NQ", CmeSeries.Kind.QUARTERLY, DayOfWeek.FRIDAY, 3));
    }

    private NqSeriesCodes() {}

    private static CmeSeries weekly(String cmeRoot, DayOfWeek day, int week) {
        return new CmeSeries(cmeRoot, CmeSeries.Kind.WEEKLY, day, week);
    }

    private static void add(String barchartRoot, CmeSeries series) {
        BY_BARCHART_ROOT.put(barchartRoot, series);
        BY_CME_ROOT.put(series.cmeRoot(), barchartRoot);
    }

    /**
     * The CME series of a Barchart root such as {@code MQ4}; empty for roots that are not NQ
     * options.
     */
    public static Optional<CmeSeries> fromBarchartRoot(String barchartRoot) {
        return Optional.ofNullable(BY_BARCHART_ROOT.get(barchartRoot));
    }

    /**
     * The Barchart root of a CME root such as {@code QN4}; empty when Barchart has no known code
     * for it.
     */
    public static Optional<String> toBarchartRoot(String cmeRoot) {
        return Optional.ofNullable(BY_CME_ROOT.get(cmeRoot));
    }

    /** Every known pair, Barchart root to CME series, in table order. */
    public static Map<String, CmeSeries> all() {
        return java.util.Collections.unmodifiableMap(BY_BARCHART_ROOT);
    }
}
