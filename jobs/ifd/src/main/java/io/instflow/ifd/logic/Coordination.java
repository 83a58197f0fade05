package io.instflow.ifd.logic;

import java.util.List;

/**
 * Cross-strike coordination (spec section 7): candidates of the same underlying, expiration and
 * window within the strike distance and with the same direction support each other.
 */
public final class Coordination {

    /** A candidate as coordination sees it. */
    public record Peer(long instrumentId, double strikePoints, int direction, double raw) {}

    private Coordination() {}

    /** min(peers / 3, 1) x mean peer raw; 0 without peers. */
    public static double score(Peer self, List<Peer> window, double strikePoints) {
        int peers = 0;
        double rawSum = 0;
        for (Peer other : window) {
            if (other.instrumentId() != self.instrumentId()
                    && other.direction() == self.direction()
                    && Math.abs(other.strikePoints() - self.strikePoints()) <= strikePoints) {
                peers++;
                rawSum += other.raw();
            }
        }
        return peers == 0 ? 0 : Math.min(peers / 3.0, 1) * (rawSum / peers);
    }
}
