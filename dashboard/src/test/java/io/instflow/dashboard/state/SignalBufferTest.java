package io.instflow.dashboard.state;

import io.instflow.avro.Direction;
import io.instflow.avro.Tier;
import io.instflow.dashboard.model.SignalView;

import org.junit.jupiter.api.Test;

import static io.instflow.testing.OutputRecords.signal;
import static org.assertj.core.api.Assertions.assertThat;

class SignalBufferTest {

    @Test
    void shouldKeepEachSignalIdOnceOrderedByWindowEnd() {
        SignalBuffer buffer = new SignalBuffer(10);
        assertThat(
                        buffer.add(
                                SignalView.of(
                                        signal(
                                                "b",
                                                "NQZ4",
                                                21_000,
                                                600,
                                                Direction.LONG,
                                                Tier.HIGH))))
                .isTrue();
        assertThat(
                        buffer.add(
                                SignalView.of(
                                        signal(
                                                "a",
                                                "NQZ4",
                                                21_050,
                                                300,
                                                Direction.SHORT,
                                                Tier.EXTREME))))
                .isTrue();
        assertThat(
                        buffer.add(
                                SignalView.of(
                                        signal(
                                                "b",
                                                "NQZ4",
                                                21_000,
                                                600,
                                                Direction.LONG,
                                                Tier.HIGH))))
                .isFalse();
        assertThat(buffer.all()).extracting(SignalView::id).containsExactly("a", "b");
    }

    @Test
    void shouldDropTheOldestBeyondCapacityAndNotTakeThemBack() {
        SignalBuffer buffer = new SignalBuffer(2);
        for (int i = 1; i <= 3; i++) {
            buffer.add(
                    SignalView.of(
                            signal("s" + i, "NQZ4", 21_000, i * 300L, Direction.LONG, Tier.HIGH)));
        }
        assertThat(buffer.all()).extracting(SignalView::id).containsExactly("s2", "s3");
        assertThat(
                        buffer.add(
                                SignalView.of(
                                        signal(
                                                "s0",
                                                "NQZ4",
                                                21_000,
                                                0,
                                                Direction.LONG,
                                                Tier.HIGH))))
                .isFalse();
        assertThat(buffer.size()).isEqualTo(2);
    }

    @Test
    void shouldExplainTheSignalFromItsOwnFigures() {
        SignalView view =
                SignalView.of(signal("x", "NQZ4", 21_000, 300, Direction.LONG, Tier.HIGH));
        assertThat(view.reasons())
                .anySatisfy(r -> assertThat(r).contains("95% buy-aggressor volume over 12 trades"))
                .anySatisfy(
                        r ->
                                assertThat(r)
                                        .contains("3.2 standard deviations")
                                        .contains("percentile 98"))
                .anySatisfy(r -> assertThat(r).contains("coordinated with nearby strikes (0.50)"));
        assertThat(view.windowEnd()).isEqualTo(600);
        assertThat(view.strike()).isEqualTo(21_000.0);
    }

    @Test
    void shouldCarryTheStampOfASignalFromTheBackupSource() {
        var record = signal("d", "NQZ4", 21_000, 300, Direction.LONG, Tier.MODERATE);
        assertThat(SignalView.of(record).degraded()).isFalse();
        record.getMetrics().setSource("BARCHART");
        record.getMetrics().setDegraded(true);
        record.getMetrics().setDelayMs(600_000L);
        SignalView view = SignalView.of(record);
        assertThat(view.degraded()).isTrue();
        assertThat(view.source()).isEqualTo("BARCHART");
        assertThat(view.delayMs()).isEqualTo(600_000L);
        assertThat(view.reasons())
                .anySatisfy(
                        r ->
                                assertThat(r)
                                        .contains("degraded data from BARCHART, delayed 10 min")
                                        .contains("estimated"));
    }
}
