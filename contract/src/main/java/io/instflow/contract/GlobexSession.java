package io.instflow.contract;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * CME Globex trading sessions, which open at 17:00 Chicago time the evening before their trading
 * date. Session volumes on Barchart snapshots and the degraded flow estimated from them count from
 * this open; the connector and the job must agree on it.
 */
public final class GlobexSession {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final LocalTime OPEN = LocalTime.of(17, 0);

    private GlobexSession() {}

    /** The open of the session {@code at} falls in. */
    public static Instant start(Instant at) {
        ZonedDateTime local = at.atZone(CHICAGO);
        ZonedDateTime open = local.toLocalDate().atTime(OPEN).atZone(CHICAGO);
        return (local.isBefore(open) ? open.minusDays(1) : open).toInstant();
    }

    /** {@link #start(Instant)} in ns since the epoch. */
    public static long startNanos(long atNanos) {
        Instant start = start(Instant.ofEpochSecond(0, atNanos));
        return start.getEpochSecond() * 1_000_000_000L + start.getNano();
    }
}
