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
    }
}
