package io.instflow.databento;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Exponential backoff with a cap and jitter between reconnect attempts, and a limit on attempts in
 * a row (0 = no limit). Attempts count from 1 and reset after a session that streamed.
 */
public record ReconnectPolicy(Duration initial, Duration max, double jitter, int maxAttempts) {

    /** 1 s doubling to 30 s, 20 % jitter, no limit. */
    public static final ReconnectPolicy DEFAULT =
            new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2, 0);

    public ReconnectPolicy {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
    }

    /** Delay before attempt {@code attempt} (1-based). */
    public Duration delay(int attempt, SplittableRandom random) {
        double base =
                Math.min(max.toNanos(), initial.toNanos() * Math.pow(2, Math.max(0, attempt - 1)));
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofNanos((long) (base * factor));
    }

    /** Whether another attempt is allowed after {@code attempts} failures in a row. */
    public boolean allows(int attempts) {
        return maxAttempts == 0 || attempts <= maxAttempts;
    }
}
