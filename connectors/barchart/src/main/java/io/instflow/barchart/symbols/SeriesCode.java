package io.instflow.barchart.symbols;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One listed NQ option series as Barchart names it in requests, e.g. {@code MQ4M25} (Friday week 4,
 * June 2025) or {@code NQU25} (the quarterly options on NQU25).
 */
public record SeriesCode(String barchartRoot, YearMonth month, CmeSeries series) {

    private static final Pattern CODE =
            Pattern.compile("([A-Z0-9]{1,3}?)([FGHJKMNQUVXZ])(\\d{1,2})");

    /**
     * Parses a request code with a one- or two-digit year; a one-digit year is resolved against
     * {@code observed}.
     *
     * @throws IllegalArgumentException naming the code and the known forms
     */
    public static SeriesCode parse(String code, LocalDate observed) {
        Matcher m = CODE.matcher(code.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'"
                            + code
                            + "' is not a Barchart series code such as MQ4M25, MC7M5"
                            + " or NQU25 (root, month letter, year)");
        }
        String root = m.group(1);
        CmeSeries series =
                NqSeriesCodes.fromBarchartRoot(root)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "'"
                                                        + code
                                                        + "': "
                                                        + root
                                                        + " is not a known NQ option series; known: "
                                                        + String.join(
                                                                ", ",
                                                                NqSeriesCodes.all().keySet())));
        String year = m.group(3);
        int fullYear =
                year.length() == 2
                        ? 2000 + Integer.parseInt(year)
                        : Years.resolve(year.charAt(0) - '0', observed);
        return new SeriesCode(
                root, YearMonth.of(fullYear, MonthCodes.month(m.group(2).charAt(0))), series);
    }

    /** The series of a CME family in a month, e.g. QN4 in June 2025 → MQ4M25. */
    public static SeriesCode of(CmeSeries series, YearMonth month) {
        String root =
                NqSeriesCodes.toBarchartRoot(series.cmeRoot())
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "CME root "
                                                        + series.cmeRoot()
                                                        + " has no known Barchart code"));
        return new SeriesCode(root, month, series);
    }

    /** The code to request, with a two-digit year: {@code MQ4M25}. */
    public String requestCode() {
        return barchartRoot
                + MonthCodes.code(month.getMonthValue())
                + String.format(Locale.ROOT, "%02d", month.getYear() % 100);
    }

    public LocalDate expiry() {
        return series.expiry(month);
    }

    /** The Databento raw-symbol prefix of the series' contracts, e.g. {@code QN4M5}. */
    public String databentoPrefix() {
        return series.cmeRoot() + MonthCodes.code(month.getMonthValue()) + (month.getYear() % 10);
    }
}
