package io.instflow.ifd.logic;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The CME trading date of a time: sessions roll at 17:00 America/Chicago. */
public final class TradingDate {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private TradingDate() {}

    /** Trading date as days since the epoch. */
    public static long of(long tsNanos) {
        ZonedDateTime t =
                Instant.ofEpochSecond(Math.floorDiv(tsNanos, 1_000_000_000L)).atZone(CHICAGO);
        LocalDate date = t.getHour() >= 17 ? t.toLocalDate().plusDays(1) : t.toLocalDate();
        return date.toEpochDay();
    }

    /**
     * The trading date {@code n} trading days before {@code date} (days since the epoch), counting
     * weekdays: CME holidays are not modelled, so a holiday counts as a day without data.
     */
    public static long minusTradingDays(long date, int n) {
        LocalDate d = LocalDate.ofEpochDay(date);
        for (int left = n; left > 0; ) {
            d = d.minusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return d.toEpochDay();
    }
}
