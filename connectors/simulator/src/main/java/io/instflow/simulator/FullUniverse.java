package io.instflow.simulator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The whole NQ options universe of the dates simulated, as CME lists it: four quarterly NQ futures
 * with their quarterly options, the next two serial months, end-of-month QNE options for the next
 * three months, Friday weeklies QN1 to QN5 for the next five weeks (listed five weeks ahead) and
 * Monday-to-Thursday dailies Q1A to Q5D for the next two weeks (listed two weeks ahead). A Friday
 * or a day that is a month's third Friday or last business day has that month's option, not a
 * weekly or a daily. Options that are not quarterly are on the quarterly future that expires next
 * after them. Strikes are every 25 points within 5 % of the money, every 50 within 10 % and every
 * 100 beyond, out to a range that narrows with the series' life: 15 % for quarterlies, 10 % for
 * serial months, 8 % for QNE, 6 % for weeklies and 3 % for dailies.
 */
final class FullUniverse {

    static final int QUARTERLY_FUTURES = 4;
    private static final LocalTime FUTURE_EXPIRY_UTC = LocalTime.of(14, 30);
    private static final LocalTime OPTION_EXPIRY_UTC = LocalTime.of(21, 0);
    private static final int WEEKLIES_AHEAD = 5;
    private static final int DAILY_LISTING_DAYS = 14;
    private static final int SERIAL_MONTHS = 2;
    private static final int END_OF_MONTH_SERIES = 3;
    private static final String DAILY_CODES = "ABCD";

    private final SimulatorConfig config;
    private final List<Contract> out = new ArrayList<>();
    private final List<Contract> futures = new ArrayList<>();

    private FullUniverse(SimulatorConfig config) {
        this.config = config;
    }

    static List<Contract> build(SimulatorConfig config) {
        return new FullUniverse(config).build();
    }

    private List<Contract> build() {
        List<LocalDate> days = ChainBuilder.tradingDays(config);
        LocalDate first = days.get(0);
        LocalDate last = days.get(days.size() - 1);
        LocalDate expiry = ChainBuilder.nextQuarterlyExpiry(first);
        for (int i = 0; i < QUARTERLY_FUTURES; i++) {
            futures.add(future(expiry));
            expiry = ChainBuilder.nextQuarterlyExpiry(expiry.plusDays(1));
        }
        for (Contract f : futures) {
            series("NQ", expiryDate(f), f, Long.MIN_VALUE, 0.15);
        }
        LocalDate month = first.withDayOfMonth(1);
        for (int serials = 0; serials < SERIAL_MONTHS; month = month.plusMonths(1)) {
            LocalDate third = thirdFriday(month);
            if (month.getMonthValue() % 3 != 0 && !third.isBefore(first)) {
                series("NQ", third, underlyingFor(third), Long.MIN_VALUE, 0.10);
                serials++;
            }
        }
        month = first.withDayOfMonth(1);
        for (int n = 0; n < END_OF_MONTH_SERIES; month = month.plusMonths(1)) {
            LocalDate end = lastBusinessDay(month);
            if (!end.isBefore(first)) {
                series("QNE", end, underlyingFor(end), Long.MIN_VALUE, 0.08);
                n++;
            }
        }
        LocalDate friday = first.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        for (; !friday.isAfter(last.plusWeeks(WEEKLIES_AHEAD)); friday = friday.plusWeeks(1)) {
            if (!isMonthly(friday)) {
                series(
                        "QN" + weekOfMonth(friday),
                        friday,
                        underlyingFor(friday),
                        config.sessionStartNs(friday.minusWeeks(WEEKLIES_AHEAD)),
                        0.06);
            }
        }
        for (LocalDate day = first;
                !day.isAfter(last.plusDays(DAILY_LISTING_DAYS));
                day = day.plusDays(1)) {
            int weekday = day.getDayOfWeek().getValue();
            if (weekday <= 4 && !isMonthly(day)) {
                series(
                        "Q" + weekOfMonth(day) + DAILY_CODES.charAt(weekday - 1),
                        day,
                        underlyingFor(day),
                        config.sessionStartNs(day.minusDays(DAILY_LISTING_DAYS)),
                        0.03);
            }
        }
        return out;
    }

    private Contract future(LocalDate expiry) {
        Contract f =
                new Contract(
                        out.size(),
                        ChainBuilder.FIRST_INSTRUMENT_ID + out.size(),
                        "NQ" + ChainBuilder.monthCode(expiry) + (expiry.getYear() % 10),
                        'F',
                        "NQ",
                        0,
                        nanos(expiry, FUTURE_EXPIRY_UTC),
                        -1,
                        "",
                        0,
                        expiry.getYear(),
                        expiry.getMonthValue(),
                        expiry.getDayOfMonth(),
                        0,
                        Long.MIN_VALUE);
        out.add(f);
        return f;
    }

    /** Calls and puts of one series on the strike grid out to {@code range} of the money. */
    private void series(
            String root, LocalDate expiry, Contract future, long listedNs, double range) {
        String prefix = root + ChainBuilder.monthCode(expiry) + (expiry.getYear() % 10);
        int week = root.equals("NQ") || root.equals("QNE") ? 0 : weekOfMonth(expiry);
        // quarterly options settle with their future at the morning's special opening quotation
        LocalTime at =
                root.equals("NQ") && expiry.equals(expiryDate(future))
                        ? FUTURE_EXPIRY_UTC
                        : OPTION_EXPIRY_UTC;
        for (long strike : strikes(ChainBuilder.START_PRICE, range)) {
            for (char type : new char[] {'C', 'P'}) {
                out.add(
                        new Contract(
                                out.size(),
                                ChainBuilder.FIRST_INSTRUMENT_ID + out.size(),
                                prefix + " " + type + strike,
                                type,
                                root,
                                strike * 1_000_000_000L,
                                nanos(expiry, at),
                                future.index(),
                                future.rawSymbol(),
                                future.instrumentId(),
                                expiry.getYear(),
                                expiry.getMonthValue(),
                                expiry.getDayOfMonth(),
                                week,
                                listedNs));
            }
        }
    }

    /**
     * Strikes around {@code atm} (rounded to 100): every 25 points within 5 %, 50 within 10 %, 100
     * out to {@code range}, in ascending order.
     */
    static List<Long> strikes(double atm, double range) {
        long center = Math.round(atm / 100) * 100;
        List<Long> below = new ArrayList<>();
        List<Long> above = new ArrayList<>();
        for (long d = 0; d <= atm * range; d += step(d, atm)) {
            if (d > 0) {
                below.add(center - d);
            }
            above.add(center + d);
        }
        Collections.reverse(below);
        List<Long> all = new ArrayList<>(below);
        all.addAll(above);
        return all;
    }

    private static long step(long distance, double atm) {
        return distance < atm * 0.05 ? 25 : distance < atm * 0.10 ? 50 : 100;
    }

    /** The quarterly future expiring first on or after {@code expiry}. */
    private Contract underlyingFor(LocalDate expiry) {
        for (Contract f : futures) {
            if (!expiryDate(f).isBefore(expiry)) {
                return f;
            }
        }
        return futures.get(futures.size() - 1);
    }

    private static LocalDate expiryDate(Contract future) {
        return LocalDate.of(future.maturityYear(), future.maturityMonth(), future.maturityDay());
    }

    /** A month's third Friday or its last business day: the day its monthly option expires. */
    private static boolean isMonthly(LocalDate day) {
        return day.equals(thirdFriday(day)) || day.equals(lastBusinessDay(day));
    }

    private static LocalDate thirdFriday(LocalDate inMonth) {
        return inMonth.withDayOfMonth(1)
                .with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.FRIDAY));
    }

    private static LocalDate lastBusinessDay(LocalDate inMonth) {
        LocalDate d = inMonth.with(TemporalAdjusters.lastDayOfMonth());
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.minusDays(1);
        }
        return d;
    }

    private static int weekOfMonth(LocalDate day) {
        return (day.getDayOfMonth() - 1) / 7 + 1;
    }

    private static long nanos(LocalDate date, LocalTime time) {
        return date.atTime(time).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
    }
}
