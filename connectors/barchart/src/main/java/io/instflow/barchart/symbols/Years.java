package io.instflow.barchart.symbols;

import java.time.LocalDate;

/** One-digit contract years resolved against an observation date (spec/barchart.md §4.1). */
public final class Years {

    private Years() {}

    /**
     * The year ending in {@code digit} from one year before {@code observed} to eight years after
     * it.
     */
    public static int resolve(int digit, LocalDate observed) {
        int first = observed.getYear() - 1;
        int year = first - Math.floorMod(first, 10) + digit;
        return year < first ? year + 10 : year;
    }
}
