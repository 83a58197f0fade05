package io.instflow.dashboard.state;

import io.instflow.dashboard.model.BarView;

import org.junit.jupiter.api.Test;

import static io.instflow.testing.OutputRecords.bar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarBufferTest {

    @Test
    void shouldKeepBarsOrderedByStartWhateverOrderTheyArrive() {
        BarBuffer buffer = new BarBuffer(100);
        for (long t : new long[] {600, 0, 300, 120, 60}) {
            buffer.merge(BarView.of(bar("NQZ4", 60, t, 21_000)));
        }
        assertThat(buffer.bars("NQZ4", 60))
                .extracting(BarView::time)
                .containsExactly(0L, 60L, 120L, 300L, 600L);
    }

    @Test
    void shouldReplaceABarSeenAgainInsteadOfDuplicatingIt() {
        BarBuffer buffer = new BarBuffer(100);
        assertThat(buffer.merge(BarView.of(bar("NQZ4", 60, 60, 21_000)))).isTrue();
        assertThat(buffer.merge(BarView.of(bar("NQZ4", 60, 60, 21_000)))).isFalse();
        assertThat(buffer.merge(BarView.of(bar("NQZ4", 60, 60, 21_005)))).isTrue();
        assertThat(buffer.bars("NQZ4", 60))
                .singleElement()
                .extracting(BarView::close)
                .isEqualTo(21_005.0);
    }

    @Test
    void shouldKeepOnlyTheLatestBarsPerSymbolAndTimeframe() {
        BarBuffer buffer = new BarBuffer(100);
        for (long i = 0; i < 250; i++) {
            buffer.merge(BarView.of(bar("NQZ4", 60, i * 60, 21_000 + i)));
            buffer.merge(BarView.of(bar("NQZ4", 300, i * 300, 21_000 + i)));
        }
        buffer.merge(BarView.of(bar("NQH5", 60, 0, 21_100)));
        assertThat(buffer.bars("NQZ4", 60))
                .hasSize(100)
                .first()
                .extracting(BarView::time)
                .isEqualTo(150L * 60);
        assertThat(buffer.bars("NQZ4", 300))
                .hasSize(100)
                .last()
                .extracting(BarView::time)
                .isEqualTo(249L * 300);
        assertThat(buffer.bars("NQH5", 60)).hasSize(1);
        assertThat(buffer.byTimeframe(60)).containsOnlyKeys("NQH5", "NQZ4");
    }

    @Test
    void shouldIgnoreABarOlderThanAFullBuffer() {
        BarBuffer buffer = new BarBuffer(3);
        for (long t : new long[] {60, 120, 180}) {
            buffer.merge(BarView.of(bar("NQZ4", 60, t, 21_000)));
        }
        assertThat(buffer.merge(BarView.of(bar("NQZ4", 60, 0, 21_000)))).isFalse();
        assertThat(buffer.merge(BarView.of(bar("NQZ4", 60, 240, 21_000)))).isTrue();
        assertThat(buffer.bars("NQZ4", 60))
                .extracting(BarView::time)
                .containsExactly(120L, 180L, 240L);
    }

    @Test
    void shouldRefuseANonPositiveCapacity() {
        assertThatThrownBy(() -> new BarBuffer(0)).hasMessageContaining("at least 1");
    }
}
