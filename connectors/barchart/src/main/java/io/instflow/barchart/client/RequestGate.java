package io.instflow.barchart.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.random.RandomGenerator;

/**
 * The one place politeness is enforced (spec/barchart.md §6): one request at a time, at least
 * {@code minInterval} ± {@code jitter} between request starts, and at most {@code dailyCap}
 * requests per UTC day. Time and sleeping are injected so tests can run days in milliseconds.
 */
public final class RequestGate {

    /** Sleeps; tests advance a manual clock instead. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Duration minInterval;
    private final double jitter;
    private final int dailyCap;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private Instant last;
    private LocalDate day;
    private int today;

    public RequestGate(
            Duration minInterval,
            double jitter,
            int dailyCap,
            Clock clock,
            Sleeper sleeper,
            RandomGenerator random) {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
        this.minInterval = minInterval;
        this.jitter = jitter;
        this.dailyCap = dailyCap;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    /**
     * Runs {@code request} when the gate allows, holding it shut meanwhile.
     *
     * @throws BarchartException {@link FailureKind#BUDGET_EXHAUSTED} when today's budget is spent
     */
    public synchronized <T> T pass(Request<T> request)
            throws BarchartException, IOException, InterruptedException {
        Instant now = clock.instant();
        LocalDate date = now.atZone(ZoneOffset.UTC).toLocalDate();
        if (!date.equals(day)) {
            day = date;
            today = 0;
        }
        if (today >= dailyCap) {
            Duration untilMidnight =
                    Duration.between(
                            now, date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            throw new BarchartException(
                    FailureKind.BUDGET_EXHAUSTED,
                    "the daily budget of "
                            + dailyCap
                            + " requests is spent; sending again at 00:00 UTC",
                    untilMidnight);
        }
        if (last != null) {
            double factor = 1 + jitter * (2 * random.nextDouble() - 1);
            Instant next = last.plusNanos((long) (minInterval.toNanos() * factor));
            if (now.isBefore(next)) {
                sleeper.sleep(Duration.between(now, next));
            }
        }
        last = clock.instant();
        today++;
        return request.send();
    }

    public synchronized int requestsToday() {
        return today;
    }

    /** A request sent through the gate. */
    public interface Request<T> {
        T send() throws BarchartException, IOException, InterruptedException;
    }
}
