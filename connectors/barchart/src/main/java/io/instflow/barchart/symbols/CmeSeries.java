package io.instflow.barchart.symbols;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;

/**
 * An NQ option series family as CME lists it: its Globex root and when it expires. Weekly series
 * expire on the {@code week}-th {@code weekday} of the month; end-of-month series on the month's
 * last weekday; quarterly options on the third Friday.
 */
public record CmeSeries(String cmeRoot, Kind kind, DayOfWeek weekday, int week) {

    /** The families of NQ options. */
    public enum Kind {
        WEEKLY,
        END_OF_MONTH,
        QUARTERLY
    }

    /** The expiry date of this family's series in {@code month}. */
    public LocalDate expiry(YearMonth month) {
        return switch (kind) {
            case WEEKLY -> month.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(week, weekday));
            case QUARTERLY ->
                    month.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.FRIDAY));
            case END_OF_MONTH -> {
                LocalDate day = month.atEndOfMonth();
                while (day.getDayOfWeek() == DayOfWeek.SATURDAY
                        || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    day = day.minusDays(1);
                }
                yield day;
            }
        };
    }

    /** For people: "Monday weekly, week 2", "end of month", "quarterly". */
    public String describe() {
        return switch (kind) {
            case WEEKLY ->
                    weekday.getDisplayName(
                                    java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                            + " weekly, week "
                            + week;
            case END_OF_MONTH -> "end of month";
            case QUARTERLY -> "quarterly";
        };
    }
}
