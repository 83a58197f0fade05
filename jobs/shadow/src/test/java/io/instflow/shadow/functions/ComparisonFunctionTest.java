package io.instflow.shadow.functions;

import io.instflow.avro.Comparison;
import io.instflow.avro.ComparisonKind;
import io.instflow.avro.OutcomeResult;
import io.instflow.shadow.ShadowConfig;
import io.instflow.shadow.logic.OutcomeParams;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The comparison as an operator, on hand-made bars and signals. */
class ComparisonFunctionTest {

    private static final long MINUTE_NS = 60_000_000_000L;
    private static final long T0 = 1_793_630_400_000_000_000L;
    private static final long PRICE = 21_000_000_000_000L;

    private static ShadowConfig config(boolean bounded) {
        return new ShadowConfig(
                "unused:9092",
                "prod.",
                "shadow.",
                "",
                "production",
                "candidate",
                50,
                OutcomeParams.defaults(),
                2000,
                5000,
                10000,
                bounded,
                true);
    }

    /** The operator of a job that never ends: it acts as the watermark passes each time. */
    private static KeyedOneInputStreamOperatorTestHarness<String, ShadowInput, Comparison> harness()
            throws Exception {
        return harness(false);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ShadowInput, Comparison> harness(
            boolean bounded) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ComparisonFunction(config(bounded))),
                in -> in.underlying,
                Types.STRING);
    }

    /** A bar ending {@code minute} minutes after T0, closing one point higher each minute. */
    private static StreamRecord<ShadowInput> bar(int minute) {
        ShadowInput b = new ShadowInput();
        b.kind = ShadowInput.BAR;
        b.underlying = "NQZ6";
        b.barEnd = T0 + minute * MINUTE_NS;
        b.close = PRICE + minute * 1_000_000_000L;
        return new StreamRecord<>(b, b.barEnd / 1_000_000L - 1);
    }

    private static StreamRecord<ShadowInput> signal(
            int side, String id, long instrument, double strike, int direction, double size) {
        ShadowInput s = new ShadowInput();
        s.kind = side;
        s.underlying = "NQZ6";
        s.signalId = id;
        s.profile = side == ShadowInput.PRODUCTION ? "production" : "testing";
        s.algorithm = "v3";
        s.tier = "HIGH";
        s.sizeMultiplier = size;
        s.instrumentId = instrument;
        s.expiration = 1_797_604_200_000_000_000L;
        s.strike = Math.round(strike * 1e9);
        s.call = true;
        s.direction = direction;
        s.windowStart = T0;
        s.windowEnd = T0 + 5 * MINUTE_NS;
        return new StreamRecord<>(s, s.windowEnd / 1_000_000L - 1);
    }

    private static List<Comparison> rows(
            KeyedOneInputStreamOperatorTestHarness<String, ShadowInput, Comparison> h,
            ComparisonKind kind) {
        return h.extractOutputValues().stream().filter(c -> c.getKind() == kind).toList();
    }

    @Test
    void shouldJoinTheSidesOfAWindowOnceBothHavePassedIt() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(signal(ShadowInput.PRODUCTION, "p1", 1, 21000, +1, 1.5));
            h.processElement(signal(ShadowInput.SHADOW, "s1", 1, 21000, +1, 1.0));
            h.processElement(signal(ShadowInput.SHADOW, "s3", 3, 21050, -1, 1.0));
            h.processWatermark(T0 / 1_000_000L + 5 * 60_000 - 1);
            assertThat(h.extractOutputValues()).as("nothing before the window end").isEmpty();
            h.processWatermark(T0 / 1_000_000L + 5 * 60_000);

            assertThat(h.extractOutputValues())
                    .extracting(Comparison::getKind)
                    .containsExactly(
                            ComparisonKind.AGREEMENT,
                            ComparisonKind.SHADOW_ONLY,
                            ComparisonKind.CONFLICT);
            Comparison conflict = rows(h, ComparisonKind.CONFLICT).get(0);
            assertThat(conflict.getProductionSignalId()).isEqualTo("p1");
            assertThat(conflict.getShadowSignalId()).isEqualTo("s3");
            assertThat(conflict.getProductionProfile()).isEqualTo("production");
            assertThat(conflict.getShadowProfile()).isEqualTo("candidate");
        }
    }

    @Test
    void shouldJudgeEverySignalAtEachHorizonAgainstTheBars() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int m = 1; m <= 40; m++) {
                h.processElement(bar(m));
            }
            h.processElement(signal(ShadowInput.PRODUCTION, "p1", 1, 21000, +1, 1.5));
            h.processElement(signal(ShadowInput.SHADOW, "s3", 3, 21050, -1, 1.0));
            h.processWatermark(T0 / 1_000_000L + 10 * 60_000);

            List<Comparison> five = rows(h, ComparisonKind.OUTCOME);
            assertThat(five)
                    .hasSize(2)
                    .allSatisfy(o -> assertThat(o.getHorizonMinutes()).isEqualTo(5));
            Comparison longOne =
                    five.stream()
                            .filter(o -> "p1".equals(o.getProductionSignalId()))
                            .findFirst()
                            .orElseThrow();
            assertThat(longOne.getEntryPrice())
                    .as("close of the bar ending at the window end")
                    .isEqualTo(PRICE + 5_000_000_000L);
            assertThat(longOne.getExitPrice()).isEqualTo(PRICE + 10_000_000_000L);
            assertThat(longOne.getSignedMovePoints()).isCloseTo(5, within(1e-9));
            assertThat(longOne.getOutcome()).isEqualTo(OutcomeResult.HIT);
            assertThat(longOne.getPnlUsd())
                    .as("1.5 contracts x (5 points x 20 - 2.50)")
                    .isCloseTo(146.25, within(1e-9));
            assertThat(longOne.getEvaluatedProfile()).isEqualTo("production");
            Comparison shortOne =
                    five.stream()
                            .filter(o -> "s3".equals(o.getShadowSignalId()))
                            .findFirst()
                            .orElseThrow();
            assertThat(shortOne.getOutcome()).isEqualTo(OutcomeResult.MISS);
            assertThat(shortOne.getEvaluatedProfile()).isEqualTo("candidate");

            h.processWatermark(T0 / 1_000_000L + 60 * 60_000);
            List<Comparison> all = rows(h, ComparisonKind.OUTCOME);
            assertThat(all)
                    .extracting(Comparison::getHorizonMinutes)
                    .containsExactlyInAnyOrder(5, 5, 15, 15, 30, 30);
            Comparison thirty =
                    all.stream()
                            .filter(
                                    o ->
                                            o.getHorizonMinutes() == 30
                                                    && "p1".equals(o.getProductionSignalId()))
                            .findFirst()
                            .orElseThrow();
            assertThat(thirty.getSignedMovePoints()).isCloseTo(30, within(1e-9));
            assertThat(thirty.getSignals())
                    .as("running count of production's judged signals at +30")
                    .isEqualTo(1);
            assertThat(thirty.getHitRate()).isEqualTo(1.0);
        }
    }

    @Test
    void shouldNotJudgeASignalWhoseHorizonFallsAfterTheSessionEnd() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int m = 1; m <= 12; m++) {
                h.processElement(bar(m));
            }
            h.processElement(signal(ShadowInput.PRODUCTION, "p1", 1, 21000, +1, 1.0));
            h.processWatermark(Long.MAX_VALUE);
            assertThat(rows(h, ComparisonKind.OUTCOME))
                    .extracting(Comparison::getHorizonMinutes)
                    .as("+15 and +30 have no price: the last bar ended at minute 12")
                    .containsExactly(5);
        }
    }

    @Test
    void shouldJudgeABoundedRunsLateSignalsAsAnInOrderRunDoes() throws Exception {
        List<Comparison> inOrder = lateShadowSignal(false, false);
        assertThat(inOrder).filteredOn(c -> c.getKind() == ComparisonKind.OUTCOME).hasSize(6);
        assertThat(lateShadowSignal(false, true))
                .as("live, a signal that comes after its bars were pruned goes unjudged")
                .filteredOn(c -> c.getKind() == ComparisonKind.OUTCOME)
                .hasSize(3);
        assertThat(lateShadowSignal(true, true))
                .as("bounded, the in-order rows whatever the arrival order")
                .containsExactlyInAnyOrderElementsOf(inOrder);
    }

    /**
     * Production's signal, then an hour of bars with the watermark following them, and the shadow's
     * signal of the same window either with production's or after the hour.
     */
    private static List<Comparison> lateShadowSignal(boolean bounded, boolean late)
            throws Exception {
        try (var h = harness(bounded)) {
            h.open();
            h.processElement(signal(ShadowInput.PRODUCTION, "p1", 1, 21000, +1, 1.5));
            if (!late) {
                h.processElement(signal(ShadowInput.SHADOW, "s3", 3, 21050, -1, 1.0));
            }
            for (int m = 1; m <= 60; m++) {
                h.processElement(bar(m));
                h.processWatermark(T0 / 1_000_000L + m * 60_000 - 1);
            }
            if (late) {
                h.processElement(signal(ShadowInput.SHADOW, "s3", 3, 21050, -1, 1.0));
            }
            h.processWatermark(Long.MAX_VALUE);
            return withoutWriteTimes(h.extractOutputValues());
        }
    }

    private static List<Comparison> withoutWriteTimes(List<Comparison> rows) {
        return rows.stream().map(c -> Comparison.newBuilder(c).setEvaluatedAt(0).build()).toList();
    }
}
