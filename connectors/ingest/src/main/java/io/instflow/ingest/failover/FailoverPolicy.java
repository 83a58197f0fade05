package io.instflow.ingest.failover;

import java.time.Duration;

/**
 * When to switch between Databento and the Barchart backup (spec/barchart.md §9).
 *
 * @param silenceLimit no record or heartbeat for this long makes the primary unhealthy
 * @param grace how long the primary must stay unhealthy before failing over
 * @param hold how long the primary must stay healthy, its replay complete, before failing back
 * @param hysteresis no second failover this soon after a failback unless the primary is
 *     disconnected
 * @param window detector window length: switches take effect at the next window boundary
 */
public record FailoverPolicy(
        Duration silenceLimit,
        Duration grace,
        Duration hold,
        Duration hysteresis,
        Duration window) {

    public FailoverPolicy {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("the window must be positive, got " + window);
        }
    }

    public static FailoverPolicy defaults() {
        return new FailoverPolicy(
                Duration.ofSeconds(40),
                Duration.ofSeconds(45),
                Duration.ofMinutes(2),
                Duration.ofMinutes(5),
                Duration.ofMinutes(5));
    }
}
