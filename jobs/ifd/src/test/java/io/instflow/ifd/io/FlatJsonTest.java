package io.instflow.ifd.io;

import io.instflow.avro.Components;
import io.instflow.avro.Direction;
import io.instflow.avro.DominantSide;
import io.instflow.avro.OptionType;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Signal;
import io.instflow.avro.SignalAction;
import io.instflow.avro.Tier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FlatJsonTest {

    @Test
    void shouldInlineTheWindowAndComponentsWithUnitsInTheNames() {
        PressureMetrics m =
                PressureMetrics.newBuilder()
                        .setInstrumentId(42)
                        .setRawSymbol("NQZ6 C21000")
                        .setRoot("NQ")
                        .setUnderlying("NQZ6")
                        .setExpiration(1_797_604_200_000_000_000L)
                        .setStrikePrice(21_000_000_000_000L)
                        .setOptionType(OptionType.CALL)
                        .setWindowStart(1_000)
                        .setWindowEnd(301_000)
                        .setBuyVolume(300)
                        .setSellVolume(10)
                        .setUnknownVolume(0)
                        .setTrades(20)
                        .setAvgTradeSize(15.5)
                        .setMaxTradeSize(50)
                        .setBlockTrades(1)
                        .setPremium(1e6)
                        .setVwap(null)
                        .setLogPressure(3.3)
                        .setPressureRatio(27.4)
                        .setBuyShare(0.97)
                        .setDominantSide(DominantSide.BUY)
                        .setPressureConfidence(0.9)
                        .setMeanBidSize(3)
                        .setMeanAskSize(4)
                        .setQuoteUpdates(12)
                        .build();
        Signal s =
                Signal.newBuilder()
                        .setSignalId("abc")
                        .setAlgorithm("v3")
                        .setProfile("production")
                        .setParameterVersion("1")
                        .setMetrics(m)
                        .setZScore(null)
                        .setPercentileRank(97.0)
                        .setDataQuality(1)
                        .setComponents(
                                Components.newBuilder()
                                        .setSignificance(0.8)
                                        .setTrend(1)
                                        .setConcentration(0.9)
                                        .setPersistence(0.67)
                                        .setRaw(0.88)
                                        .build())
                        .setMmProbability(0.1)
                        .setSpoofRatio(0)
                        .setCoordination(0.5)
                        .setBaselineConfidence(1)
                        .setFinalConfidence(0.84)
                        .setTier(Tier.VERY_HIGH)
                        .setStrengthScore(3)
                        .setSizeMultiplier(2)
                        .setDirection(Direction.LONG)
                        .setAction(SignalAction.BUY)
                        .setRiskScore(0.16)
                        .setMaxPositionRisk(0.04)
                        .setEmittedAt(5)
                        .build();

        ObjectNode json = FlatJson.of(s);

        assertThat(json.get("window_start_ns").asLong()).isEqualTo(1_000);
        assertThat(json.get("window_end_ns").asLong()).isEqualTo(301_000);
        assertThat(json.get("strike").asDouble()).isEqualTo(21000.0);
        assertThat(json.has("strike_price")).isFalse();
        assertThat(json.get("option_type").asText()).isEqualTo("CALL");
        assertThat(json.get("tier").asText()).isEqualTo("VERY_HIGH");
        assertThat(json.get("raw").asDouble()).isEqualTo(0.88);
        assertThat(json.get("z_score").isNull()).isTrue();
        assertThat(json.get("percentile_rank").asDouble()).isEqualTo(97.0);
        assertThat(json.get("raw_symbol").asText()).isEqualTo("NQZ6 C21000");
        assertThat(json.has("metrics")).as("nested records are inlined").isFalse();
    }
}
