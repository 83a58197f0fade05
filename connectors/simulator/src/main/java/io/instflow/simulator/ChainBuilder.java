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
 * quarterly NQ options on the front future (strikes every 50 points) and Friday weekly QNn options
 * (strikes every 25 points), calls and puts around the money. The classic universe has one weekly,
 * expiring after the last simulated day. The rolling universe (the hard mix) lists and expires
 * series during the run as CME does: a Friday weekly for every week, listed on the Thursday a week
 * before it expires, and a Monday-to-Thursday daily (Q1A..Q5D) for every such trading day, listed
 * the trading day before. Symbols follow CME: {@code NQZ6}, {@code NQZ6 C21000}, {@code QN4X6
 * P20975}, {@code Q2BX6 C21025}.
 */
public final class ChainBuilder {

    /** Price of the front future at the start of the first day, index points. */
    public static final double START_PRICE = 21_000.0;

    static final long FIRST_INSTRUMENT_ID = 42_140_000L;
    static final int QUARTERLY_STRIKES_EACH_SIDE = 6;
    static final int WEEKLY_STRIKES_EACH_SIDE = 10;
    private static final String MONTH_CODES = "FGHJKMNQUVXZ";
    private static final LocalTime EXPIRY_TIME_UTC = LocalTime.of(14, 30);

    /** Expiry of the rolling universe's series: 15:00 Chicago, after the simulated session. */
    private static final LocalTime ROLLING_EXPIRY_TIME_UTC = LocalTime.of(21, 0);

    static final int ROLLING_WEEKLY_STRIKES_EACH_SIDE = 7;
    static final int DAILY_STRIKES_EACH_SIDE = 3;
    private static final String DAILY_CODES = "ABCD";

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
        if (config.universe() == SimulatorConfig.Universe.FULL) {
            return FullUniverse.build(config);
        }
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
                            0,
                            Long.MIN_VALUE));
            expiry = nextQuarterlyExpiry(expiry.plusDays(1));
        }
        Contract front = out.get(0);
        double atm50 = Math.round(START_PRICE / 50.0) * 50.0;
        if (config.mix().listsDuringRun()) {
            addOptions(
                    out,
                    front,
                    "NQ",
                    nanos(frontExpiry, ROLLING_EXPIRY_TIME_UTC),
                    frontExpiry,
                    Long.MIN_VALUE,
                    atm50,
                    50,
                    QUARTERLY_STRIKES_EACH_SIDE);
            addRollingSeries(out, front, config, atm50);
            return out;
        }
        addOptions(
                out,
                front,
                "NQ",
                nanos(frontExpiry, EXPIRY_TIME_UTC),
                frontExpiry,
                Long.MIN_VALUE,
                atm50,
                50,
                QUARTERLY_STRIKES_EACH_SIDE);
        LocalDate weekly = lastDay.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        if (weekly.equals(lastDay)) {
            weekly = weekly.plusWeeks(1);
        }
        int week = (weekly.getDayOfMonth() - 1) / 7 + 1;
        addOptions(
                out,
                front,
                "QN" + Math.min(week, 4),
                nanos(weekly, EXPIRY_TIME_UTC),
                weekly,
                Long.MIN_VALUE,
                atm50,
                25,
                WEEKLY_STRIKES_EACH_SIDE);
        return out;
    }

    /**
     * The weeklies expiring from the first day's Friday to the first Friday after the last day,
     * each listed at the session of the Thursday a week before, and a daily for every Monday to
     * Thursday of the run, listed at the session of the trading day before.
     */
    private static void addRollingSeries(
            List<Contract> out, Contract front, SimulatorConfig config, double atm) {
        List<LocalDate> days = tradingDays(config);
        LocalDate first = days.get(0);
        LocalDate last = days.get(days.size() - 1);
        LocalDate quarterly = LocalDate.ofEpochDay(front.expiration() / 86_400_000_000_000L);
        for (LocalDate friday = first.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
                !friday.isAfter(last.plusWeeks(1));
                friday = friday.plusWeeks(1)) {
            if (friday.equals(quarterly)) {
                continue;
            }
            int week = (friday.getDayOfMonth() - 1) / 7 + 1;
            addOptions(
                    out,
                    front,
                    "QN" + Math.min(week, 4),
                    nanos(friday, ROLLING_EXPIRY_TIME_UTC),
                    friday,
                    sessionNanos(friday.minusDays(8), config),
                    atm,
                    25,
                    ROLLING_WEEKLY_STRIKES_EACH_SIDE);
            if (friday.isAfter(last)) {
                break;
            }
        }
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i);
            int weekday = day.getDayOfWeek().getValue();
            if (weekday > 4) {
                continue;
            }
            int week = (day.getDayOfMonth() - 1) / 7 + 1;
            LocalDate before = i == 0 ? day.minusDays(1) : days.get(i - 1);
            addOptions(
                    out,
                    front,
                    "Q" + week + DAILY_CODES.charAt(weekday - 1),
                    nanos(day, ROLLING_EXPIRY_TIME_UTC),
                    day,
                    sessionNanos(before, config),
                    atm,
                    25,
                    DAILY_STRIKES_EACH_SIDE);
        }
    }

    private static void addOptions(
            List<Contract> out,
            Contract future,
            String root,
            long expirationNs,
            LocalDate expiry,
            long listedNs,
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
                                expirationNs,
                                future.index(),
                                future.rawSymbol(),
                                future.instrumentId(),
                                expiry.getYear(),
                                expiry.getMonthValue(),
                                expiry.getDayOfMonth(),
                                root.equals("NQ") ? 0 : week,
                                listedNs));
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
        return nanos(date, EXPIRY_TIME_UTC);
    }

    private static long nanos(LocalDate date, LocalTime time) {
        return date.atTime(time).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
    }

    /** Start of the simulated session of {@code date}. */
    private static long sessionNanos(LocalDate date, SimulatorConfig config) {
        return config.sessionStartNs(date);
    }
}
