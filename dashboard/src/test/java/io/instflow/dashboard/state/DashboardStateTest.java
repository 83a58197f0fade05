package io.instflow.dashboard.state;

import io.instflow.avro.Direction;
import io.instflow.avro.OptionType;
import io.instflow.avro.StrategyTrade;
import io.instflow.avro.Tier;
import io.instflow.dashboard.model.BarView;
import io.instflow.dashboard.model.SignalView;
import io.instflow.dashboard.model.StrategyView;
import io.instflow.dashboard.state.DashboardState.Mode;

import org.junit.jupiter.api.Test;

import static io.instflow.testing.OutputRecords.bar;
import static io.instflow.testing.OutputRecords.pressure;
import static io.instflow.testing.OutputRecords.signal;
import static io.instflow.testing.OutputRecords.strategyTrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** History and live records through one state: no duplicates, ordered, and only changes pushed. */
class DashboardStateTest {

    private static final long STALE_AFTER_MS = 5_000;

    @Test
    void shouldMergeHistoryAndLiveWithoutDuplicates() {
        DashboardState state = new DashboardState(100, 500, STALE_AFTER_MS, 0);
        for (long t = 0; t < 10; t++) {
            state.apply(bar("NQZ4", 60, t * 60, 21_000 + t), 100);
        }
        state.apply(signal("s1", "NQZ4", 21_000, 0, Direction.LONG, Tier.HIGH), 100);
        state.markHistoryLoaded();
        assertThat(state.drainUpdate().bars()).hasSize(10);

        state.apply(bar("NQZ4", 60, 9 * 60, 21_009), 200);
        state.apply(signal("s1", "NQZ4", 21_000, 0, Direction.LONG, Tier.HIGH), 200);
        assertThat(state.drainUpdate()).isNull();

        state.apply(bar("NQZ4", 60, 9 * 60, 21_012), 300);
        state.apply(bar("NQZ4", 60, 10 * 60, 21_010), 300);
        state.apply(signal("s2", "NQZ4", 21_050, 300, Direction.SHORT, Tier.EXTREME), 300);
        DashboardState.Update update = state.drainUpdate();
        assertThat(update.bars()).extracting(BarView::time).containsExactly(540L, 600L);
        assertThat(update.signals()).extracting(SignalView::id).containsExactly("s2");
        assertThat(update.lastLiveRecordAtMs()).isEqualTo(300);

        DashboardState.Snapshot snapshot = state.snapshot(400);
        assertThat(snapshot.bars().get("1m").get("NQZ4"))
                .extracting(BarView::time)
                .containsExactly(0L, 60L, 120L, 180L, 240L, 300L, 360L, 420L, 480L, 540L, 600L);
        assertThat(snapshot.bars().get("1m").get("NQZ4").get(9).close()).isEqualTo(21_012.0);
        assertThat(snapshot.signals()).extracting(SignalView::id).containsExactly("s1", "s2");
    }

    @Test
    void shouldKeepEachStrategysFiguresCountingARoundTripOnce() {
        DashboardState state = new DashboardState(100, 500, STALE_AFTER_MS, 0);
        state.apply(bar("NQZ4", 60, 0, 21_000), 0);
        state.apply(bar("NQZ4", 60, 59 * 60, 21_000), 0);
        state.apply(strategyTrade("t1", "follow-high", 300, 660), 0);
        state.apply(strategyTrade("t2", "follow-high", -500, 1260), 0);
        state.apply(strategyTrade("t2", "follow-high", -500, 1260), 0);
        state.apply(strategyTrade("t3", "follow-high", 100, 1860), 0);
        state.apply(strategyTrade("a1", "follow-all", 50, 660), 0);
        state.apply(
                StrategyTrade.newBuilder(strategyTrade("a2", "follow-all", -30, 1260))
                        .setTier("MODERATE")
                        .build(),
                0);
        DashboardState.Update update = state.drainUpdate();
        assertThat(update.strategies())
                .extracting(StrategyView::strategy)
                .containsExactly("follow-all", "follow-high");
        StrategyView high = state.snapshot(0).strategies().get(1);
        assertThat(high.roundTrips()).as("t2 read twice counts once").isEqualTo(3);
        assertThat(high.netUsd()).isEqualTo(-100);
        assertThat(high.maxDrawdownUsd()).isEqualTo(500);
        assertThat(high.hitRate()).isEqualTo(2 / 3.0);
        assertThat(high.equity()).containsExactly(300.0, -200.0, -100.0);
        assertThat(high.lastExitMs()).isEqualTo(1860_000L);
        assertThat(high.meanTradeUsd()).isCloseTo(-100 / 3.0, within(1e-9));
        // trips 300, -500, 100: sample sd sqrt(346,666.7 / 2) = 416.3, over sqrt(3)
        assertThat(high.meanTradeStandardErrorUsd()).isCloseTo(240.37, within(0.01));
        assertThat(high.averageWinUsd()).isEqualTo(200);
        assertThat(high.averageLossUsd()).isEqualTo(-500);
        assertThat(high.dailySharpe()).as("one trading date").isNull();
        assertThat(high.exposure())
                .as("three 10-minute round trips over the hour of bars seen")
                .isCloseTo(0.5, within(1e-9));
        assertThat(high.tiers())
                .containsExactly(new StrategyView.TierView("HIGH", 3, -100, 2 / 3.0));
        assertThat(state.snapshot(0).strategies().get(0).tiers())
                .containsExactly(
                        new StrategyView.TierView("HIGH", 1, 50, 1),
                        new StrategyView.TierView("MODERATE", 1, -30, 0));
        state.apply(strategyTrade("t3", "follow-high", 100, 1860), 0);
        assertThat(state.drainUpdate()).as("nothing new").isNull();
    }

    @Test
    void shouldShowNoExposureBeforeABarIsSeen() {
        DashboardState state = new DashboardState(100, 500, STALE_AFTER_MS, 0);
        state.apply(strategyTrade("t1", "follow-high", 300, 660), 0);
        assertThat(state.snapshot(0).strategies().get(0).exposure()).isNull();
        assertThat(state.snapshot(0).strategies().get(0).meanTradeStandardErrorUsd())
                .as("one round trip")
                .isNull();
    }

    @Test
    void shouldPushOnlyTheLaddersThatChanged() {
        DashboardState state = new DashboardState(100, 500, STALE_AFTER_MS, 0);
        state.apply(pressure(1, "NQZ4", 21_000, OptionType.CALL, 300, 10, 60L * 1), 0);
        state.apply(pressure(2, "NQH5", 21_200, OptionType.PUT, 300, 1, 10), 0);
        assertThat(state.drainUpdate().ladders()).containsOnlyKeys("NQH5", "NQZ4");
        state.apply(pressure(3, "NQZ4", 21_025, OptionType.CALL, 300, 4, 4), 0);
        assertThat(state.drainUpdate().ladders()).containsOnlyKeys("NQZ4");
    }

    @Test
    void shouldCallTheDataLiveOnlyWhileLiveRecordsArrive() {
        DashboardState state = new DashboardState(100, 500, STALE_AFTER_MS, 1_000);
        assertThat(state.heartbeat(1_500).mode()).isEqualTo(Mode.LOADING);
        state.apply(bar("NQZ4", 60, 0, 21_000), 1_100);
        state.markHistoryLoaded();
        assertThat(state.heartbeat(2_000).mode())
                .as("history alone, nothing live since the start")
                .isEqualTo(Mode.HISTORICAL);

        state.apply(bar("NQZ4", 60, 60, 21_000), 7_000);
        DashboardState.Heartbeat live = state.heartbeat(8_000);
        assertThat(live.mode()).isEqualTo(Mode.LIVE);
        assertThat(live.quietForMs()).isEqualTo(1_000);
        assertThat(state.heartbeat(12_001).mode()).isEqualTo(Mode.HISTORICAL);
        assertThat(state.snapshot(12_001).mode()).isEqualTo(Mode.HISTORICAL);

        state.apply(bar("NQZ4", 60, 120, 21_000), 12_500);
        assertThat(state.heartbeat(12_600).mode()).isEqualTo(Mode.LIVE);
        state.kafkaProblem("Kafka at localhost:1 is unreachable");
        DashboardState.Heartbeat unreachable = state.heartbeat(12_700);
        assertThat(unreachable.mode()).isEqualTo(Mode.HISTORICAL);
        assertThat(unreachable.kafkaProblem()).contains("localhost:1");
        state.kafkaProblem(null);
        assertThat(state.heartbeat(12_800).mode()).isEqualTo(Mode.LIVE);
    }

    @Test
    void shouldKeepTheLatestFormingBarUntilItsClosedBarArrives() {
        DashboardState state = new DashboardState(100, 500, STALE_AFTER_MS, 0);
        state.apply(bar("NQZ4", 60, 0, 21_000), 10);
        state.markHistoryLoaded();
        state.drainUpdate();

        state.applyForming(bar("NQZ4", 60, 60, 21_001), 20);
        state.applyForming(bar("NQZ4", 60, 60, 21_004), 30);
        DashboardState.Update update = state.drainUpdate();
        assertThat(update.forming()).extracting(BarView::close).containsExactly(21_004.0);
        assertThat(update.lastLiveRecordAtMs()).isEqualTo(30);

        state.applyForming(bar("NQZ4", 60, 0, 20_990), 40);
        assertThat(state.drainUpdate())
                .as("a preview of a minute already closed changes nothing")
                .isNull();

        state.apply(bar("NQZ4", 60, 60, 21_003), 50);
        assertThat(state.snapshot(60).forming()).isEmpty();
        assertThat(state.snapshot(60).bars().get("1m").get("NQZ4"))
                .extracting(BarView::close)
                .containsExactly(21_000.0, 21_003.0);
    }

    @Test
    void shouldAskForTheFallbackOnlyWhenThereIsNothingToShow() {
        DashboardState state = new DashboardState(100, 500, STALE_AFTER_MS, 0);
        assertThat(state.wantsFallback(100)).as("still loading").isFalse();
        state.kafkaProblem("Kafka at localhost:1 is unreachable");
        assertThat(state.wantsFallback(100)).isTrue();
        state.applyHistorical(java.util.List.of(BarView.of(bar("NQ.c.0", 60, 0, 21_000))));
        assertThat(state.wantsFallback(200)).isFalse();
        assertThat(state.heartbeat(200).lastLiveRecordAtMs())
                .as("history is not live data")
                .isNull();
    }
}
