package io.instflow.ifd.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The daily aggregates a baseline is taken from (a Flink POJO): one {@link DailyStats} per trading
 * date, oldest first. A contract keeps one; in v3.1 so does each pool of similar contracts.
 */
public class BaselineDays implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Trading dates, days since the epoch, ascending. */
    public long[] dates = new long[0];

    public DailyStats[] days = new DailyStats[0];

    public BaselineDays() {}

    /**
     * Adds a window's log_pressure and volume to {@code today}, dropping days before {@code
     * oldestKept} when a new day starts. Days stay in date order whatever order windows come in.
     */
    public void add(long today, double logPressure, long volume, long oldestKept) {
        int at = Arrays.binarySearch(dates, today);
        if (at < 0) {
            int insertAt = -at - 1;
            int keepFrom = 0;
            while (keepFrom < insertAt && dates[keepFrom] < oldestKept) {
                keepFrom++;
            }
            int before = insertAt - keepFrom;
            int after = dates.length - insertAt;
            long[] newDates = new long[before + 1 + after];
            DailyStats[] newDays = new DailyStats[before + 1 + after];
            System.arraycopy(dates, keepFrom, newDates, 0, before);
            System.arraycopy(days, keepFrom, newDays, 0, before);
            newDates[before] = today;
            newDays[before] = new DailyStats();
            System.arraycopy(dates, insertAt, newDates, before + 1, after);
            System.arraycopy(days, insertAt, newDays, before + 1, after);
            dates = newDates;
            days = newDays;
            at = before;
        }
        days[at].add(logPressure, volume);
    }

    /** Windows over all the days. */
    public long windows() {
        long n = 0;
        for (DailyStats d : days) {
            n += d.windows;
        }
        return n;
    }

    /** A deep copy, so a shared seed is never changed by the history that starts from it. */
    public BaselineDays copy() {
        BaselineDays c = new BaselineDays();
        c.dates = dates.clone();
        c.days = Arrays.stream(days).map(DailyStats::copy).toArray(DailyStats[]::new);
        return c;
    }
}
