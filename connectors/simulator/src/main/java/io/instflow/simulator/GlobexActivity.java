package io.instflow.simulator;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * How busy the Globex session is at a time of day, as a multiple of the regular-hours mean: quiet
 * after the 17:00 Chicago reopen and through the Asian night, busier from the European morning,
 * busiest in the US cash session (08:30 to 15:00 Chicago, U-shaped, heaviest at its open and its
 * close), and thin in the last hour before the 16:00 close.
 */
final class GlobexActivity {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final LocalTime CASH_OPEN = LocalTime.of(8, 30);
    private static final LocalTime CASH_CLOSE = LocalTime.of(15, 0);
    private static final double CASH_MINUTES = 390;

    private GlobexActivity() {}

    /** The multiple at {@code ns} since the epoch. */
    static double at(long ns) {
        LocalTime t =
                Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L))
                        .atZone(CHICAGO)
                        .toLocalTime();
        if (!t.isBefore(CASH_OPEN) && t.isBefore(CASH_CLOSE)) {
            double x = (t.toSecondOfDay() - CASH_OPEN.toSecondOfDay()) / 60.0 / CASH_MINUTES;
            return 0.6 + 1.2 * (2 * x - 1) * (2 * x - 1);
        }
        int hour = t.getHour();
        if (hour >= 17 && hour < 19) {
            return 0.25;
        }
        if (hour >= 19 || hour < 2) {
            return 0.1;
        }
        if (hour < 7) {
            return 0.3;
        }
        if (hour < 9) {
            return 0.5;
        }
        return 0.35;
    }
}
