package io.instflow.barchart.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When the client may send again (spec/barchart.md §7): after a block or rate limit 5, 15, 30 and
 * then 60 minutes (or the server's Retry-After), after an outage 2 minutes; one success resets it.
 */
final class Backoff {

    static final List<Duration> BLOCKED_STEPS =
            List.of(
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(30),
                    Duration.ofMinutes(60));
    static final Duration UNAVAILABLE = Duration.ofMinutes(2);

    private int blockedSteps;
    private Instant until = Instant.MIN;
    private FailureKind reason;

    /** The wait left at {@code now}, or null when sending is allowed. */
    Duration remaining(Instant now) {
        return now.isBefore(until) ? Duration.between(now, until) : null;
    }

    FailureKind reason() {
        return reason;
    }

    Duration blocked(Instant now, FailureKind kind, Duration retryAfter) {
        Duration step = BLOCKED_STEPS.get(Math.min(blockedSteps, BLOCKED_STEPS.size() - 1));
        blockedSteps++;
        Duration wait = retryAfter != null ? retryAfter : step;
        until = now.plus(wait);
        reason = kind;
        return wait;
    }

    Duration unavailable(Instant now) {
        until = now.plus(UNAVAILABLE);
        reason = FailureKind.UNAVAILABLE;
        return UNAVAILABLE;
    }

    void succeeded() {
        blockedSteps = 0;
        until = Instant.MIN;
        reason = null;
    }
}
