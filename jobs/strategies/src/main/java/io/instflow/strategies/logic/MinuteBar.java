package io.instflow.strategies.logic;

/** One bar of the future: start and length in ms, prices in index points. */
public record MinuteBar(
        long startMs, long lengthMs, double open, double high, double low, double close) {

    public long endMs() {
        return startMs + lengthMs;
    }
}
