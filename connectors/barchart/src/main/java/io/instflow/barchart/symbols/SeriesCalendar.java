package io.instflow.barchart.symbols;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The NQ option series expiring in a span of days, with their Barchart codes, nearest first. The
 * third Friday of a quarterly month belongs to the quarterly options, not to a Friday weekly.
 */
public final class SeriesCalendar {

    private SeriesCalendar() {}

    /** Every known series whose expiry falls in [{@code from}, {@code from + days}). */
    public static List<SeriesCode> upcoming(LocalDate from, int days) {
        LocalDate until = from.plusDays(days);
        List<SeriesCode> out = new ArrayList<>();
        for (YearMonth month = YearMonth.from(from);
                !month.atDay(1).isAfter(until);
                month = month.plusMonths(1)) {
            for (var entry : NqSeriesCodes.all().entrySet()) {
                CmeSeries series = entry.getValue();
                if (series.kind() == CmeSeries.Kind.QUARTERLY && month.getMonthValue() % 3 != 0) {
                    continue;
                }
                if (series.kind() == CmeSeries.Kind.WEEKLY
                        && series.weekday() == java.time.DayOfWeek.FRIDAY
                        && series.week() == 3
                        && month.getMonthValue() % 3 == 0) {
                    continue;
                }
                LocalDate expiry = series.expiry(month);
                if (expiry.getMonth() == month.getMonth()
                        && !expiry.isBefore(from)
                        && expiry.isBefore(until)) {
                    out.add(new SeriesCode(entry.getKey(), month, series));
                }
            }
        }
        out.sort(Comparator.comparing(SeriesCode::expiry).thenComparing(SeriesCode::barchartRoot));
        return out;
    }
}
