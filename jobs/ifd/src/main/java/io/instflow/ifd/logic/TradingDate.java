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
        ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(tsNanos, 1_000_000_000L)).atZone(CHICAGO);
        LocalDate date = t.getHour() >= 17 ? t.toLocalDate().plusDays(1) : t.toLocalDate();
        return date.toEpochDay();
    }
}
