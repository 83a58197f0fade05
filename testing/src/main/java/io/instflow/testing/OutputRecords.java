package io.instflow.testing;

import io.instflow.avro.Bar;
import io.instflow.avro.Components;
import io.instflow.avro.Direction;
import io.instflow.avro.DominantSide;
import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;
import io.instflow.avro.OptionType;
import io.instflow.avro.PipelineMetric;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Signal;
import io.instflow.avro.SignalAction;
import io.instflow.avro.StrategyTrade;
import io.instflow.avro.Tier;

import java.util.Map;

/**
 * Records of the job's output topics for tests and benchmarks: prices in 1e-9 units, times in ns.
 */
public final class OutputRecords {

    public static final long NS = 1_000_000_000L;
    public static final long POINT = 1_000_000_000L;

    private OutputRecords() {}

    public static Bar bar(String symbol, int intervalSeconds, long startSeconds, double close) {
        long c = Math.round(close * POINT);
        return Bar.newBuilder()
                .setSymbol(symbol)
                .setInstrumentId(42)
                .setIntervalSeconds(intervalSeconds)
                .setWindowStart(startSeconds * NS)
                .setWindowEnd((startSeconds + intervalSeconds) * NS)
                .setOpen(c - 2 * POINT)
                .setHigh(c + 3 * POINT)
                .setLow(c - 4 * POINT)
                .setClose(c)
                .setVolume(120)
                .setBuyVolume(70)
                .setSellVolume(50)
                .setUnknownVolume(0)
                .setDelta(20)
                .setCumulativeDelta(20)
                .setTrades(30)
                .build();
    }

    public static PressureMetrics pressure(
            long instrumentId,
            String underlying,
            double strike,
            OptionType type,
            long windowStartSeconds,
            long buy,
            long sell) {
        double share = buy + sell == 0 ? 0.5 : (double) buy / (buy + sell);
        return PressureMetrics.newBuilder()
                .setInstrumentId(instrumentId)
                .setRawSymbol(
                        underlying + " " + (type == OptionType.CALL ? "C" : "P") + (long) strike)
                .setRoot("NQ")
                .setUnderlying(underlying)
                .setExpiration((windowStartSeconds + 86_400 * 30) * NS)
                .setStrikePrice(Math.round(strike * POINT))
                .setOptionType(type)
                .setWindowStart(windowStartSeconds * NS)
                .setWindowEnd((windowStartSeconds + 300) * NS)
                .setBuyVolume(buy)
                .setSellVolume(sell)
                .setUnknownVolume(0)
                .setTrades(12)
                .setAvgTradeSize(5)
                .setMaxTradeSize(20)
                .setBlockTrades(1)
                .setPremium(1000)
                .setLogPressure(Math.log((buy + 1.0) / (sell + 1.0)))
                .setPressureRatio((buy + 1.0) / (sell + 1.0))
                .setBuyShare(share)
                .setDominantSide(
                        share > 0.6
                                ? DominantSide.BUY
                                : share < 0.4 ? DominantSide.SELL : DominantSide.NEUTRAL)
                .setPressureConfidence(0.5)
                .setMeanBidSize(10)
                .setMeanAskSize(12)
                .setQuoteUpdates(40)
                .build();
    }

    public static Signal signal(
            String id,
            String underlying,
            double strike,
            long windowStartSeconds,
            Direction direction,
            Tier tier) {
        PressureMetrics m =
                pressure(
                        7,
                        underlying,
                        strike,
                        direction == Direction.LONG ? OptionType.CALL : OptionType.PUT,
                        windowStartSeconds,
                        180,
                        10);
        return Signal.newBuilder()
                .setSignalId(id)
                .setAlgorithm("v3")
                .setProfile("production")
                .setParameterVersion("p1")
                .setMetrics(m)
                .setZScore(3.2)
                .setPercentileRank(98.0)
                .setDataQuality(1.0)
                .setComponents(
                        Components.newBuilder()
                                .setSignificance(0.7)
                                .setTrend(0.5)
                                .setConcentration(0.9)
                                .setPersistence(0.6)
                                .setRaw(0.7)
                                .build())
                .setMmProbability(0.1)
                .setSpoofRatio(0.0)
                .setCoordination(0.5)
                .setBaselineConfidence(0.8)
                .setFinalConfidence(0.81)
                .setTier(tier)
                .setStrengthScore(tier.ordinal() + 1)
                .setSizeMultiplier(1.5)
                .setDirection(direction)
                .setAction(direction == Direction.LONG ? SignalAction.BUY : SignalAction.SELL)
                .setRiskScore(0.19)
                .setMaxPositionRisk(0.03)
                .setUnderlyingPrice(21_000 * POINT)
                .setEmittedAt(System.currentTimeMillis() * 1_000_000L)
                .build();
    }

    /** A round trip of a paper strategy: long one contract, {@code netUsd} after 5 USD of costs. */
    public static StrategyTrade strategyTrade(
            String id, String strategy, double netUsd, long exitSeconds) {
        return StrategyTrade.newBuilder()
                .setTradeId(id)
                .setStrategy(strategy)
                .setProfile("production")
                .setUnderlying("NQZ6")
                .setSignalId("s-" + id)
                .setTier("HIGH")
                .setDirection(Direction.LONG)
                .setContracts(1)
                .setEntryTs((exitSeconds - 600) * NS)
                .setEntryPrice(21_000 * POINT)
                .setExitTs(exitSeconds * NS)
                .setExitPrice(21_000 * POINT + Math.round((netUsd + 5) / 20 * POINT))
                .setExitReason(netUsd >= 0 ? "TARGET" : "STOP")
                .setGrossUsd(netUsd + 5)
                .setCostsUsd(5)
                .setNetUsd(netUsd)
                .setCumulativeNetUsd(netUsd)
                .build();
    }

    public static PipelineMetric metric(
            String name, double value, Map<String, String> tags, long tsMs) {
        return PipelineMetric.newBuilder()
                .setJob("ifd-production")
                .setProfile("production")
                .setTs(tsMs * 1_000_000L)
                .setName(name)
                .setValue(value)
                .setUnit("count")
                .setTags(tags)
                .build();
    }

    public static FeedStatus status(FeedStatusKind kind, long tsMs) {
        return FeedStatus.newBuilder()
                .setTs(tsMs * 1_000_000L)
                .setSource("databento-live")
                .setDataset("GLBX.MDP3")
                .setKind(kind)
                .setMessage(kind.name().toLowerCase())
                .setGapStart(kind == FeedStatusKind.GAP ? tsMs * 1_000_000L - 5 * NS : null)
                .setGapEnd(kind == FeedStatusKind.GAP ? tsMs * 1_000_000L : null)
                .build();
    }
}
