package io.instflow.ifd.logic;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * When a record's {@code ts_event} cannot be true, so that it must not move event time: before
 * Databento's GLBX.MDP3 data begins, ahead of its own {@code ts_recv} (an exchange cannot stamp an
 * event after it was received, beyond clock skew), ahead of the wall clock, or far ahead of the
 * event time its partition has shown. The partition rule allows weekends and holidays.
 *
 * @param maxAheadOfRecvMs how far ts_event may lead ts_recv
 * @param maxAheadOfPartitionMs how far ts_event may lead the latest accepted ts_event of its
 *     partition
 * @param maxAheadOfWallClockMs how far ts_event may lead the wall clock
 */
public record EventTimeGuard(
        long maxAheadOfRecvMs, long maxAheadOfPartitionMs, long maxAheadOfWallClockMs)
        implements Serializable {

    /**
     * The first day of GLBX.MDP3 data at Databento; anything earlier is not a CME MDP 3.0 event.
     */
    public static final long EARLIEST_NS =
            LocalDate.of(2010, 6, 6).toEpochSecond(java.time.LocalTime.MIDNIGHT, ZoneOffset.UTC)
                    * 1_000_000_000L;

    public EventTimeGuard {
        if (maxAheadOfRecvMs < 0 || maxAheadOfPartitionMs < 0 || maxAheadOfWallClockMs < 0) {
            throw new IllegalArgumentException("event-time guard thresholds must not be negative");
        }
    }

    /**
     * One minute ahead of ts_recv, five days ahead of the partition, a year ahead of the wall
     * clock: a year, because simulated and test sessions are often dated in the near future, while
     * a corrupt timestamp (2100, a flipped high bit) is decades off.
     */
    public static EventTimeGuard defaults() {
        return new EventTimeGuard(60_000, 5 * 86_400_000L, 365 * 86_400_000L);
    }

    /**
     * Why the record is implausible, or null when it is not.
     *
     * @param partitionLatestNs the latest accepted ts_event of the record's partition, or {@code
     *     Long.MIN_VALUE} before the first
     */
    public String reject(long tsEventNs, long tsRecvNs, long partitionLatestNs, long nowNs) {
        if (tsEventNs < EARLIEST_NS) {
            return "implausible ts_event: "
                    + tsEventNs
                    + " ns is before GLBX.MDP3 data begins (2010-06-06)";
        }
        if (tsEventNs - tsRecvNs > maxAheadOfRecvMs * 1_000_000L) {
            return "implausible ts_event: "
                    + (tsEventNs - tsRecvNs) / 1_000_000L
                    + " ms after its ts_recv";
        }
        if (tsEventNs - nowNs > maxAheadOfWallClockMs * 1_000_000L) {
            return "implausible ts_event: "
                    + (tsEventNs - nowNs) / 1_000_000L
                    + " ms ahead of the wall clock";
        }
        if (partitionLatestNs != Long.MIN_VALUE
                && tsEventNs - partitionLatestNs > maxAheadOfPartitionMs * 1_000_000L) {
            return "implausible ts_event: "
                    + (tsEventNs - partitionLatestNs) / 1_000_000L
                    + " ms ahead of its partition's latest";
        }
        return null;
    }
}
