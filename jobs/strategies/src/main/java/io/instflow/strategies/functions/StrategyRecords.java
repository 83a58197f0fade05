package io.instflow.strategies.functions;

import io.instflow.avro.Direction;
import io.instflow.avro.OrderSide;
import io.instflow.avro.StrategyOrder;
import io.instflow.avro.StrategyPosition;
import io.instflow.avro.StrategyTrade;
import io.instflow.strategies.logic.ClosedTrade;
import io.instflow.strategies.logic.KeeperState;
import io.instflow.strategies.logic.PaperOrder;

/** The keeper's orders, positions and round trips as the records of the strategy topics. */
public final class StrategyRecords {

    private static final long NS_PER_MS = 1_000_000L;

    private StrategyRecords() {}

    public static StrategyOrder order(PaperOrder o, String profile, String underlying) {
        return StrategyOrder.newBuilder()
                .setOrderId(o.strategy() + "|" + o.signalId() + "|" + o.reason() + "|" + o.atMs())
                .setStrategy(o.strategy())
                .setProfile(profile)
                .setUnderlying(underlying)
                .setSignalId(o.signalId())
                .setTs(o.atMs() * NS_PER_MS)
                .setSide(o.side() > 0 ? OrderSide.BUY : OrderSide.SELL)
                .setContracts(o.contracts())
                .setPrice(o.filled() ? price(o.price()) : null)
                .setFilled(o.filled())
                .setReason(o.reason())
                .build();
    }

    /** The position after a fill at {@code atMs}. */
    public static StrategyPosition position(
            String strategy, String profile, String underlying, long atMs, KeeperState state) {
        KeeperState.OpenPosition open = state.open;
        return StrategyPosition.newBuilder()
                .setStrategy(strategy)
                .setProfile(profile)
                .setUnderlying(underlying)
                .setTs(atMs * NS_PER_MS)
                .setContracts(open == null ? 0 : open.direction * open.contracts)
                .setSignalId(open == null ? null : open.signalId)
                .setEntryPrice(open == null ? null : price(open.entryPrice))
                .setStopPrice(open == null ? null : price(open.stop))
                .setTargetPrice(open == null ? null : price(open.target))
                .setRealisedNetUsd(state.realisedNetUsd)
                .build();
    }

    public static StrategyTrade trade(
            ClosedTrade t, String profile, String underlying, double cumulativeNetUsd) {
        return StrategyTrade.newBuilder()
                .setTradeId(t.strategy() + "|" + t.signalId() + "|" + t.entryMs())
                .setStrategy(t.strategy())
                .setProfile(profile)
                .setUnderlying(underlying)
                .setSignalId(t.signalId())
                .setTier(t.tier())
                .setDirection(t.direction() > 0 ? Direction.LONG : Direction.SHORT)
                .setContracts(t.contracts())
                .setEntryTs(t.entryMs() * NS_PER_MS)
                .setEntryPrice(price(t.entryPrice()))
                .setExitTs(t.exitMs() * NS_PER_MS)
                .setExitPrice(price(t.exitPrice()))
                .setExitReason(t.exitReason())
                .setGrossUsd(t.grossUsd())
                .setCostsUsd(t.costsUsd())
                .setNetUsd(t.netUsd())
                .setCumulativeNetUsd(cumulativeNetUsd)
                .build();
    }

    /** A closed trade as the report's statistics read it back. */
    public static ClosedTrade closedTrade(StrategyTrade t) {
        return new ClosedTrade(
                t.getStrategy(),
                t.getSignalId(),
                t.getTier(),
                t.getDirection() == Direction.LONG ? 1 : -1,
                t.getContracts(),
                t.getEntryTs() / NS_PER_MS,
                t.getEntryPrice() / 1e9,
                t.getExitTs() / NS_PER_MS,
                t.getExitPrice() / 1e9,
                t.getExitReason(),
                t.getGrossUsd(),
                t.getCostsUsd());
    }

    /** Index points to 1e-9 units; prices are whole ticks, so rounding loses nothing. */
    private static long price(double points) {
        return Math.round(points * 1e9);
    }
}
