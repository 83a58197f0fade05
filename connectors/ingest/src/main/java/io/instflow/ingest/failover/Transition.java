package io.instflow.ingest.failover;

import java.time.Instant;

/**
 * A switch of the market-data source, decided at {@code at} and governing every detector window
 * that starts at or after {@code effectiveFrom} (a window boundary), so no window mixes sources.
 */
public record Transition(Kind kind, Source to, Instant at, Instant effectiveFrom, String reason) {

    /** Failing over to the backup, or back to the primary. */
    public enum Kind {
        FAILOVER,
        FAILBACK
    }

    /** The market-data sources. */
    public enum Source {
        DATABENTO,
        BARCHART
    }
}
