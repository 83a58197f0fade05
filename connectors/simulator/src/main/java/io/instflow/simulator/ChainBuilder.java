package io.instflow.simulator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated GLBX.MDP3 universe: the front (and optionally second) quarterly NQ future, the
 * quarterly NQ options on the front future (strikes every 50 points) and the Friday weekly QNn
 * options expiring after the last simulated day (strikes every 25 points), calls and puts around
 * the money. Symbols follow CME: {@code NQZ6}, {@code NQZ6 C21000}, {@code QN4X6 P20975}.
 */
public final class ChainBuilder {

    /** Price of the front future at the start of the first day, index points. */
    public static final double START_PRICE = 21_000.0;

    static final long FIRST_INSTRUMENT_ID = 42_140_000L;
    static final int QUARTERLY_STRIKES_EACH_SIDE = 6;
    static final int WEEKLY_STRIKES_EACH_SIDE = 10;
    private static final String MONTH_CODES = "FGHJKMNQUVXZ";
    private static final LocalTime EXPIRY_TIME_UTC = LocalTime.of(14, 30);

    private ChainBuilder() {}

    /** Trading days of the run: {@code days} weekdays from the configured start. */
    public static List<LocalDate> tradingDays(SimulatorConfig config) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate d = config.start();
        while (days.size() < config.totalDays()) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
            d = d.plusDays(1);
        }
        return days;
    }

    public static List<Contract> build(SimulatorConfig config) {
        LocalDate lastDay = tradingDays(config).get(config.totalDays() - 1);
        List<Contract> out = new ArrayList<>();
        LocalDate frontExpiry = nextQuarterlyExpiry(lastDay.plusDays(7));
        LocalDate expiry = frontExpiry;
        for (int i = 0; i < config.futures(); i++) {
            String symbol = "NQ" + monthCode(expiry) + (expiry.getYear() % 10);
            out.add(
                    new Contract(
                            out.size(),
                            FIRST_INSTRUMENT_ID + out.size(),
                            symbol,
                            'F',
                            "NQ",
                            0,
                            nanos(expiry),
                            -1,
                            "",
                            0,
                            expiry.getYear(),
                            expiry.getMonthValue(),
                            expiry.getDayOfMonth(),
                            0));
            expiry = nextQuarterlyExpiry(expiry.plusDays(1));
        }
        Contract front = out.get(0);
        double atm50 = Math.round(START_PRICE / 50.0) * 50.0;
        addOptions(out, front, "NQ", frontExpiry, atm50, 50, QUARTERLY_STRIKES_EACH_SIDE);
        LocalDate weekly = lastDay.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        if (weekly.equals(lastDay)) {
            weekly = weekly.plusWeeks(1);
        }
        int week = (weekly.getDayOfMonth() - 1) / 7 + 1;
        addOptions(
                out, front, "QN" + Math.min(week, 4), weekly, atm50, 25, WEEKLY_STRIKES_EACH_SIDE);
        return out;
    }

    private static void addOptions(
            List<Contract> out,
            Contract future,
            String root,
            LocalDate expiry,
            double atm,
            int stepPoints,
            int each) {
        String prefix = root + monthCode(expiry) + (expiry.getYear() % 10);
        int week = (expiry.getDayOfMonth() - 1) / 7 + 1;
        for (int k = -each; k <= each; k++) {
            long strikePoints = Math.round(atm + (long) k * stepPoints);
            for (char type : new char[] {'C', 'P'}) {
                out.add(
                        new Contract(
                                out.size(),
                                FIRST_INSTRUMENT_ID + out.size(),
                                prefix + " " + type + strikePoints,
                                type,
                                root,
                                strikePoints * 1_000_000_000L,
                                nanos(expiry),
                                future.index(),
                                future.rawSymbol(),
                                future.instrumentId(),
                                expiry.getYear(),
                                expiry.getMonthValue(),
                                expiry.getDayOfMonth(),
                                root.equals("NQ") ? 0 : week));
            }
        }
    }

    /** Third Friday of the next quarterly month (Mar, Jun, Sep, Dec) on or after {@code from}. */
    static LocalDate nextQuarterlyExpiry(LocalDate from) {
        LocalDate month = from.withDayOfMonth(1);
        while (true) {
            if (month.getMonthValue() % 3 == 0) {
                LocalDate third =
                        month.with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.FRIDAY));
                if (!third.isBefore(from)) {
                    return third;
                }
            }
            month = month.plusMonths(1);
        }
    }

    static char monthCode(LocalDate date) {
        return MONTH_CODES.charAt(date.getMonthValue() - 1);
    }

    private static long nanos(LocalDate date) {
        return date.atTime(EXPIRY_TIME_UTC).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
    }
}
