package io.instflow.barchart.symbols;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Barchart futures-option symbol in its pipeline form, {@code MQ4M5|21800C}: series root,
 * contract month and year, strike and side, with the CME series it maps to.
 */
public record OptionSymbol(
        String barchartRoot, YearMonth month, BigDecimal strike, char right, CmeSeries series) {

    private static final Pattern PIPELINE =
            Pattern.compile("([A-Z0-9]{1,3})([FGHJKMNQUVXZ])(\\d)\\|(\\d+(?:\\.\\d+)?)([CP])");

    /**
     * Parses {@code symbol}, resolving its one-digit year against {@code observed} (the day the
     * snapshot was taken, not today: a replayed 2025 chain must stay in 2025).
     *
     * @throws IllegalArgumentException naming the symbol when it is not an NQ option of a known
     *     series
     */
    public static OptionSymbol parse(String symbol, LocalDate observed) {
        Matcher m = PIPELINE.matcher(symbol);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'"
                            + symbol
                            + "' is not a Barchart option symbol of the form ROOT"
                            + " MONTH YEAR|STRIKE C|P, e.g. MQ4M5|21800C");
        }
        String root = m.group(1);
        CmeSeries series =
                NqSeriesCodes.fromBarchartRoot(root)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "'"
                                                        + symbol
                                                        + "': Barchart root "
                                                        + root
                                                        + " is not a known NQ option series (spec/barchart.md §4.2)"));
        YearMonth month =
                YearMonth.of(
                        Years.resolve(m.group(3).charAt(0) - '0', observed),
                        MonthCodes.month(m.group(2).charAt(0)));
        return new OptionSymbol(
                root, month, new BigDecimal(m.group(4)), m.group(5).charAt(0), series);
    }

    public LocalDate expiry() {
        return series.expiry(month);
    }

    /**
     * Databento's raw symbol of the same contract, e.g. {@code QN4M5 C21900} (spec/databento.md
     * §5).
     */
    public String databentoRawSymbol() {
        return series.cmeRoot()
                + MonthCodes.code(month.getMonthValue())
                + (month.getYear() % 10)
                + " "
                + right
                + strike.stripTrailingZeros().toPlainString();
    }
}
