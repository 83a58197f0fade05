package io.instflow.strategies.functions;

import io.instflow.avro.Bar;
import io.instflow.avro.Direction;
import io.instflow.avro.Signal;
import io.instflow.strategies.logic.MinuteBar;
import io.instflow.strategies.logic.SignalIntent;

/**
 * One input of the strategies (a Flink POJO): a committed signal or a closed 1-minute bar of the
 * future it is about, keyed by that future.
 */
public class TradeInput {

    public static final int SIGNAL = 0;
    public static final int BAR = 1;

    private static final double PRICE_SCALE = 1e9;

    public int kind;

    /** Future symbol: the signal's underlying, or the bar's symbol. */
    public String underlying;

    /** Event time: the window's or the bar's end less 1 ms, ms since the epoch. */
    public long eventMs;

    public String signalId;
    public String tier;
    public int direction;
    public double confidence;
    public double sizeMultiplier;

    public long barStartMs;
    public long barLengthMs;
    public long open;
    public long high;
    public long low;
    public long close;

    public TradeInput() {}

    public static TradeInput signal(Signal s) {
        TradeInput in = new TradeInput();
        in.kind = SIGNAL;
        in.underlying = s.getMetrics().getUnderlying();
        in.eventMs = s.getMetrics().getWindowEnd() / 1_000_000L - 1;
        in.signalId = s.getSignalId();
        in.tier = s.getTier().name();
        in.direction = s.getDirection() == Direction.LONG ? 1 : -1;
        in.confidence = s.getFinalConfidence();
        in.sizeMultiplier = s.getSizeMultiplier();
        return in;
    }

    public static TradeInput bar(Bar b) {
        TradeInput in = new TradeInput();
        in.kind = BAR;
        in.underlying = b.getSymbol();
        in.eventMs = b.getWindowEnd() / 1_000_000L - 1;
        in.barStartMs = b.getWindowStart() / 1_000_000L;
        in.barLengthMs = (b.getWindowEnd() - b.getWindowStart()) / 1_000_000L;
        in.open = b.getOpen();
        in.high = b.getHigh();
        in.low = b.getLow();
        in.close = b.getClose();
        return in;
    }

    public SignalIntent intent() {
        return new SignalIntent(signalId, eventMs + 1, direction, tier, confidence, sizeMultiplier);
    }

    public MinuteBar minuteBar() {
        return new MinuteBar(
                barStartMs,
                barLengthMs,
                open / PRICE_SCALE,
                high / PRICE_SCALE,
                low / PRICE_SCALE,
                close / PRICE_SCALE);
    }

    /** Processing order of inputs of one event time: signals first, then bars; then by id. */
    static int compare(TradeInput a, TradeInput b) {
        int c = Long.compare(a.eventMs, b.eventMs);
        if (c == 0) {
            c = Integer.compare(a.kind, b.kind);
        }
        if (c == 0) {
            c = String.valueOf(a.signalId).compareTo(String.valueOf(b.signalId));
        }
        return c;
    }
}
