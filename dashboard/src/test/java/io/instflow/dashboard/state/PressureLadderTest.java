package io.instflow.dashboard.state;

import io.instflow.avro.OptionType;
import io.instflow.dashboard.model.PressureView;
import io.instflow.dashboard.state.PressureLadder.Row;

import org.junit.jupiter.api.Test;

import static io.instflow.testing.OutputRecords.pressure;
import static org.assertj.core.api.Assertions.assertThat;

class PressureLadderTest {

    @Test
    void shouldShowCallsAndPutsPerStrikeOfTheLatestWindow() {
        PressureLadder ladder = new PressureLadder();
        ladder.apply(PressureView.of(pressure(1, "NQZ4", 21_000, OptionType.CALL, 300, 50, 5)));
        ladder.apply(PressureView.of(pressure(2, "NQZ4", 21_000, OptionType.PUT, 300, 3, 40)));
        ladder.apply(PressureView.of(pressure(3, "NQZ4", 21_100, OptionType.CALL, 300, 7, 8)));
        PressureLadder.Ladder l = ladder.ladder("NQZ4");
        assertThat(l.windowStart()).isEqualTo(300);
        assertThat(l.windowEnd()).isEqualTo(600);
        assertThat(l.rows())
                .containsExactly(new Row(21_100, 7, 8, 0, 0), new Row(21_000, 50, 5, 3, 40));
    }

    @Test
    void shouldReplaceTheLadderWhenANewerWindowArrivesAndIgnoreOlderOnes() {
        PressureLadder ladder = new PressureLadder();
        ladder.apply(PressureView.of(pressure(1, "NQZ4", 21_000, OptionType.CALL, 300, 50, 5)));
        assertThat(
                        ladder.apply(
                                PressureView.of(
                                        pressure(1, "NQZ4", 21_000, OptionType.CALL, 600, 9, 1))))
                .isTrue();
        assertThat(
                        ladder.apply(
                                PressureView.of(
                                        pressure(2, "NQZ4", 20_900, OptionType.PUT, 300, 1, 1))))
                .isFalse();
        assertThat(ladder.ladder("NQZ4").rows()).containsExactly(new Row(21_000, 9, 1, 0, 0));
        assertThat(ladder.ladder("NQZ4").windowStart()).isEqualTo(600);
    }

    @Test
    void shouldCountAContractSeenTwiceOnce() {
        PressureLadder ladder = new PressureLadder();
        ladder.apply(PressureView.of(pressure(1, "NQZ4", 21_000, OptionType.CALL, 300, 50, 5)));
        assertThat(
                        ladder.apply(
                                PressureView.of(
                                        pressure(1, "NQZ4", 21_000, OptionType.CALL, 300, 50, 5))))
                .isFalse();
        assertThat(ladder.ladder("NQZ4").rows()).containsExactly(new Row(21_000, 50, 5, 0, 0));
        assertThat(ladder.ladder("NQH5")).isNull();
    }

    @Test
    void shouldStampALadderOfBackupSourceEstimates() {
        PressureLadder ladder = new PressureLadder();
        ladder.apply(PressureView.of(pressure(1, "NQZ4", 21_000, OptionType.CALL, 300, 50, 5)));
        assertThat(ladder.ladder("NQZ4").degraded()).isFalse();
        assertThat(ladder.ladder("NQZ4").delayMs()).isNull();

        var estimate = pressure(2, "NQZ4", 21_000, OptionType.PUT, 300, 30, 0);
        estimate.setSource("BARCHART");
        estimate.setDegraded(true);
        estimate.setDelayMs(600_000L);
        ladder.apply(PressureView.of(estimate));
        PressureLadder.Ladder l = ladder.ladder("NQZ4");
        assertThat(l.degraded()).isTrue();
        assertThat(l.source()).isEqualTo("BARCHART");
        assertThat(l.delayMs()).isEqualTo(600_000L);
        assertThat(l.rows()).containsExactly(new Row(21_000, 50, 5, 30, 0));
    }
}
