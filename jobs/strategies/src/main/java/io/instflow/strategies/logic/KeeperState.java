package io.instflow.strategies.logic;

/**
 * What a {@link PositionKeeper} carries from one step to the next, as a POJO a stream processor can
 * keep as state: signals waiting to become visible, the open position, the entries of the current
 * trading date, and the realised result so far. Its size is bounded by the signals of the last
 * {@code max_entry_delay_minutes} plus one position.
 */
public final class KeeperState {

    public PendingSignal[] pending = new PendingSignal[0];

    /** The open position, or null when flat. */
    public OpenPosition open;

    /** Trading date (days since the epoch) of {@link #entriesOnDate}. */
    public long entryDate = Long.MIN_VALUE;

    public int entriesOnDate;

    public long closedTrades;

    public double realisedNetUsd;

    public KeeperState() {}

    /** A signal queued until its visibility time passes. */
    public static final class PendingSignal {
        public String signalId;
        public String tier;
        public long windowEndMs;
        public int direction;
        public double confidence;
        public double sizeMultiplier;

        public PendingSignal() {}

        static PendingSignal of(SignalIntent s) {
            PendingSignal p = new PendingSignal();
            p.signalId = s.signalId();
            p.tier = s.tier();
            p.windowEndMs = s.windowEndMs();
            p.direction = s.direction();
            p.confidence = s.confidence();
            p.sizeMultiplier = s.sizeMultiplier();
            return p;
        }

        SignalIntent intent() {
            return new SignalIntent(
                    signalId, windowEndMs, direction, tier, confidence, sizeMultiplier);
        }
    }

    /** The position held: its entry fill and its exit levels, index points. */
    public static final class OpenPosition {
        public String signalId;
        public String tier;
        public int direction;
        public int contracts;
        public long entryMs;
        public double entryPrice;
        public double stop;
        public double target;

        public OpenPosition() {}
    }
}
