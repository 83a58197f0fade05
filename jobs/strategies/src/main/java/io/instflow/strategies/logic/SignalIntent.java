package io.instflow.strategies.logic;

/**
 * A committed signal as a strategy sees it.
 *
 * @param windowEndMs the end of the signal's window, ms since the epoch
 * @param direction +1 LONG, −1 SHORT (the underlying's direction)
 */
public record SignalIntent(
        String signalId,
        long windowEndMs,
        int direction,
        String tier,
        double confidence,
        double sizeMultiplier) {

    public SignalIntent {
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("direction must be +1 or -1, got " + direction);
        }
        // a NaN here would size a position at 0 contracts without a word
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException(
                    "signal " + signalId + ": confidence must be 0 to 1, got " + confidence);
        }
        if (!(sizeMultiplier > 0 && sizeMultiplier < 1_000)) {
            throw new IllegalArgumentException(
                    "signal "
                            + signalId
                            + ": size multiplier must be positive, got "
                            + sizeMultiplier);
        }
    }
}
