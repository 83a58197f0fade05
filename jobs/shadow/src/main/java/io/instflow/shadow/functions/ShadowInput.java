package io.instflow.shadow.functions;

import io.instflow.avro.Bar;
import io.instflow.avro.Direction;
import io.instflow.avro.OptionType;
import io.instflow.avro.Signal;

/**
 * One input of the comparison (a Flink POJO): a production or shadow signal with what the join and
 * the outcomes need, or a 1-minute bar of a future.
 */
public class ShadowInput {

    public static final int PRODUCTION = 0;
    public static final int SHADOW = 1;
    public static final int BAR = 2;

    public int kind;

    /** Future symbol: the signal's underlying, or the bar's symbol. */
    public String underlying;

    public String signalId;
    public String profile;
    public String algorithm;
    public String tier;
    public double sizeMultiplier;
    public long instrumentId;
    public long expiration;
    public long strike;
    public boolean call;

    /** +1 LONG, −1 SHORT. */
    public int direction;

    public long windowStart;
    public long windowEnd;
    public long barEnd;
    public long close;

    public ShadowInput() {}

    /** When the input closes: a signal's window end or a bar's end, ns. */
    public long endNs() {
        return kind == BAR ? barEnd : windowEnd;
    }

    public static ShadowInput signal(int side, Signal s) {
        ShadowInput in = new ShadowInput();
        in.kind = side;
        in.underlying = s.getMetrics().getUnderlying();
        in.signalId = s.getSignalId();
        in.profile = s.getProfile();
        in.algorithm = s.getAlgorithm();
        in.tier = s.getTier().name();
        in.sizeMultiplier = s.getSizeMultiplier();
        in.instrumentId = s.getMetrics().getInstrumentId();
        in.expiration = s.getMetrics().getExpiration();
        in.strike = s.getMetrics().getStrikePrice();
        in.call = s.getMetrics().getOptionType() == OptionType.CALL;
        in.direction = s.getDirection() == Direction.LONG ? 1 : -1;
        in.windowStart = s.getMetrics().getWindowStart();
        in.windowEnd = s.getMetrics().getWindowEnd();
        return in;
    }

    public static ShadowInput bar(Bar b) {
        ShadowInput in = new ShadowInput();
        in.kind = BAR;
        in.underlying = b.getSymbol();
        in.barEnd = b.getWindowEnd();
        in.close = b.getClose();
        return in;
    }
}
