package io.instflow.databento;

/**
 * Exactly-once delivery across reconnects: remembers the index timestamp (ts_recv) of the last
 * delivered record and how many delivered records carried it. After a resubscription that replays
 * from that timestamp, older records are dropped, and as many records with exactly that timestamp
 * as were already delivered (the gateway replays them in the same order).
 */
final class ResumeFilter {

    private long lastTs = -1;
    private long deliveredAtLast;
    private boolean resuming;
    private long toSkipAtLast;
    private long dropped;

    /** Whether anything was delivered yet. */
    boolean hasLast() {
        return lastTs != -1;
    }

    long lastTs() {
        return lastTs;
    }

    /**
     * Starts dropping what a new session repeats: the replayed overlap of a session resumed from
     * {@link #lastTs()}, or, where the gateway could not replay, anything it sends that is not
     * newer than what was delivered.
     */
    void resume() {
        resuming = hasLast();
        toSkipAtLast = deliveredAtLast;
    }

    /** Whether a record with index timestamp {@code ts} is new; records it as delivered if so. */
    boolean accept(long ts) {
        if (resuming) {
            int cmp = Long.compareUnsigned(ts, lastTs);
            if (cmp < 0) {
                dropped++;
                return false;
            }
            if (cmp == 0 && toSkipAtLast > 0) {
                toSkipAtLast--;
                dropped++;
                return false;
            }
            resuming = false;
        }
        if (ts == lastTs) {
            deliveredAtLast++;
        } else if (Long.compareUnsigned(ts, lastTs) > 0 || lastTs == -1) {
            lastTs = ts;
            deliveredAtLast = 1;
        }
        return true;
    }

    boolean resuming() {
        return resuming;
    }

    /** Replayed records dropped as duplicates so far. */
    long dropped() {
        return dropped;
    }
}
