package io.instflow.ifd.logic;

/**
 * When the job forgets an instrument: a day after its expiration, time enough for settlement and
 * late records, so that keyed state does not grow with every daily and weekly option ever listed.
 * Instruments without an expiration are kept.
 */
public final class StateRelease {

    /** How long after expiration an instrument's state is kept. */
    public static final long GRACE_MS = 86_400_000L;

    private StateRelease() {}

    /**
     * The event time (ms) at which state of an instrument expiring at {@code expirationNs} goes;
     * never for 0.
     */
    public static long atMs(long expirationNs) {
        return expirationNs <= 0 || expirationNs == Long.MAX_VALUE
                ? Long.MAX_VALUE
                : Math.floorDiv(expirationNs, 1_000_000L) + GRACE_MS;
    }
}
