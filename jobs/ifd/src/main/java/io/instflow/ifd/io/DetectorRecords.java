package io.instflow.ifd.io;

import io.instflow.avro.Components;
import io.instflow.avro.Direction;
import io.instflow.avro.DominantSide;
import io.instflow.avro.GateCheck;
import io.instflow.avro.OptionType;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.avro.SignalAction;
import io.instflow.avro.Tier;
import io.instflow.ifd.logic.Candidate;
import io.instflow.ifd.logic.ComponentScores;
import io.instflow.ifd.logic.Decision;
import io.instflow.ifd.logic.Detector;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ifd.logic.SignalIds;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.PressureMath;
import io.instflow.ifd.model.WindowStats;

import java.util.Locale;

/**
 * The detector's outputs as the Avro records of {@code ifd.pressure}, {@code ifd.signals} and
 * {@code ifd.rejections}. Ids come from algorithm, profile, contract and window, so a replay gives
 * the same ids; {@code emitted_at} is the one write-time stamp.
 */
public final class DetectorRecords implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final DetectorParams params;
    private final String parameterVersion;

    public DetectorRecords(DetectorParams params) {
        this.params = params;
        this.parameterVersion = params.version();
    }

    /** The pressure metrics of one contract window. */
    public PressureMetrics pressure(ContractWindow w) {
        WindowStats s = w.stats;
        ContractInfo c = w.contract;
        double buyShare = s.buyShare();
        long volume = s.buyVolume + s.sellVolume + s.unknownVolume;
        return PressureMetrics.newBuilder()
                .setInstrumentId(c.instrumentId)
                .setRawSymbol(c.rawSymbol)
                .setRoot(c.root)
                .setUnderlying(c.underlying)
                .setExpiration(c.expiration)
                .setStrikePrice(c.strike)
                .setOptionType(c.isCall() ? OptionType.CALL : OptionType.PUT)
                .setWindowStart(w.windowStart)
                .setWindowEnd(w.windowEnd)
                .setBuyVolume(s.buyVolume)
                .setSellVolume(s.sellVolume)
                .setUnknownVolume(s.unknownVolume)
                .setTrades(s.trades)
                .setAvgTradeSize(s.trades == 0 ? 0 : (double) volume / s.trades)
                .setMaxTradeSize(s.maxTradeSize)
                .setBlockTrades(s.blockTrades)
                .setPremium(s.priceVolume * c.multiplier / 1e9)
                .setVwap(volume == 0 ? null : Math.round(s.priceVolume / volume * 1e9))
                .setLogPressure(s.logPressure())
                .setPressureRatio(Math.exp(s.logPressure()))
                .setBuyShare(buyShare)
                .setDominantSide(
                        switch (PressureMath.dominantSide(buyShare)) {
                            case 1 -> DominantSide.BUY;
                            case -1 -> DominantSide.SELL;
                            default -> DominantSide.NEUTRAL;
                        })
                .setPressureConfidence(PressureMath.pressureConfidence(s.trades, buyShare))
                .setMeanBidSize(s.quoteTime == 0 ? 0 : s.bidSizeTime / s.quoteTime)
                .setMeanAskSize(s.quoteTime == 0 ? 0 : s.askSizeTime / s.quoteTime)
                .setQuoteUpdates(s.quoteUpdates)
                .setSource(s.degraded ? "BARCHART" : "DATABENTO")
                .setDegraded(s.degraded)
                .setDelayMs(s.degraded ? s.delayMs : null)
                .build();
    }

    /**
     * The signal of a verdict that passed every gate.
     *
     * @param underlyingPrice the future's last trade at or before the window end (1e-9 units), or
     *     null
     */
    public Signal signal(Detector.Verdict v, Long underlyingPrice) {
        Candidate c = v.candidate();
        Decision d = v.decision();
        return Signal.newBuilder()
                .setSignalId(id(c))
                .setAlgorithm(params.algorithm())
                .setProfile(params.profile())
                .setParameterVersion(parameterVersion)
                .setMetrics(pressure(c.window()))
                .setZScore(c.baseline().present() ? c.baseline().z() : null)
                .setPercentileRank(c.baseline().present() ? c.baseline().percentileRank() : null)
                .setDataQuality(c.baseline().dataQuality())
                .setComponents(components(c.components()))
                .setMmProbability(v.marketMaking())
                .setSpoofRatio(v.spoof())
                .setCoordination(d.coordination())
                .setBaselineConfidence(d.baselineConfidence())
                .setFinalConfidence(d.finalConfidence())
                .setTier(Tier.valueOf(d.tier()))
                .setStrengthScore(d.strengthScore())
                .setSizeMultiplier(d.sizeMultiplier())
                .setDirection(Direction.valueOf(d.direction()))
                .setAction(SignalAction.valueOf(d.action()))
                .setRiskScore(d.riskScore())
                .setMaxPositionRisk(d.maxPositionRisk())
                .setUnderlyingPrice(underlyingPrice)
                .setEmittedAt(System.currentTimeMillis() * 1_000_000L)
                .build();
    }

    /**
     * The rejection of a verdict: the failed gates, or a passing candidate as diagnostic output.
     */
    public Rejection rejection(Detector.Verdict v) {
        Candidate c = v.candidate();
        Decision d = v.decision();
        return Rejection.newBuilder()
                .setRejectionId(id(c))
                .setAlgorithm(params.algorithm())
                .setProfile(params.profile())
                .setParameterVersion(parameterVersion)
                .setMetrics(pressure(c.window()))
                .setFailedGates(d.failedGates())
                .setReason(
                        d.signal()
                                ? "candidate (diagnostic output)"
                                : "failed "
                                        + String.join(", ", d.failedGates())
                                        + String.format(
                                                Locale.ROOT,
                                                " (final %.3f, mm %.2f, spoof %.2f)",
                                                d.finalConfidence(),
                                                v.marketMaking(),
                                                v.spoof()))
                .setZScore(c.baseline().present() ? c.baseline().z() : null)
                .setPercentileRank(c.baseline().present() ? c.baseline().percentileRank() : null)
                .setDataQuality(c.baseline().dataQuality())
                .setComponents(components(c.components()))
                .setMmProbability(v.marketMaking())
                .setSpoofRatio(v.spoof())
                .setCoordination(d.coordination())
                .setBaselineConfidence(d.baselineConfidence())
                .setFinalConfidence(d.finalConfidence())
                .setTier(Tier.valueOf(d.tier()))
                .setDirection(Direction.valueOf(d.direction()))
                .setDiagnostic(d.signal())
                .setGates(
                        d.gates().stream()
                                .map(
                                        g ->
                                                GateCheck.newBuilder()
                                                        .setName(g.name())
                                                        .setValue(g.value())
                                                        .setThreshold(g.threshold())
                                                        .setAtMost(g.atMost())
                                                        .setPassed(g.passed())
                                                        .build())
                                .toList())
                .setNearMiss(d.nearMiss())
                .setEmittedAt(System.currentTimeMillis() * 1_000_000L)
                .build();
    }

    private String id(Candidate c) {
        return SignalIds.of(
                params.algorithm(),
                params.profile(),
                c.window().contract.instrumentId,
                c.window().windowStart);
    }

    private static Components components(ComponentScores c) {
        return Components.newBuilder()
                .setSignificance(c.significance())
                .setTrend(c.trend())
                .setConcentration(c.concentration())
                .setPersistence(c.persistence())
                .setRaw(c.raw())
                .build();
    }
}
