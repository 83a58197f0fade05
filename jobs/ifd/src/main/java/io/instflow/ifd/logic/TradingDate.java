package io.instflow.ifd.logic;

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
        if (n <= 0) {
            return date;
        }
        // any 7 days in a row hold 5 weekdays: whole weeks at once, then the last 1 to 5 day by day
        int weeks = (n - 1) / 5;
        long day = date - 7L * weeks;
        for (int left = n - 5 * weeks; left > 0; ) {
            day--;
            if (isWeekday(day)) {
                left--;
            }
        }
        return day;
    }

    /** Monday to Friday; day 0 of the epoch, 1970-01-01, was a Thursday. */
    private static boolean isWeekday(long epochDay) {
        return Math.floorMod(epochDay + 3, 7) < 5;
    }
}
