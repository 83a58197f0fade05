package io.instflow.strategies.logic;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The paper position keeper and each of its limits, on NQ defaults: HIGH and above, 20-point stop,
 * 40-point target, 60 minutes' holding, 15 minutes' cut-off before the 16:00 close, one tick of
 * slippage (0.25) and 2.50 USD per contract per fill, 20 USD a point.
 */
class PositionKeeperTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final LocalDate TUESDAY = LocalDate.of(2026, 11, 3);
    private static final long MINUTE = 60_000L;
    private static final long DELAY_MS = 3_000;

    private final StrategyParams defaults = StrategyParams.nqDefaults("s", DELAY_MS);

    @Test
    void shouldEnterAtTheFirstBarOpenAfterTheSignalBecameVisible() {
        PositionKeeper keeper = new PositionKeeper(defaults);
        long end = at(10, 0);
        keeper.onSignal(signal("a", end, 1, "HIGH"));
        assertThat(keeper.onBar(bar(end, 21_000, 21_002, 20_999, 21_001)))
                .as("the bar starting at the window end: the signal is not visible yet")
                .isEmpty();
        List<PaperOrder> entry = keeper.onBar(bar(end + MINUTE, 21_001, 21_003, 21_000, 21_002));
        assertThat(entry)
                .singleElement()
                .satisfies(
                        o -> {
                            assertThat(o.reason()).isEqualTo(PaperOrder.ENTRY);
                            assertThat(o.price()).as("open plus a tick").isEqualTo(21_001.25);
                            assertThat(o.contracts()).isEqualTo(1);
                        });
        assertThat(keeper.position()).isEqualTo(1);
    }

    @Test
    void shouldStopOutInsideABarThatClosesAboveTheStop() {
        PositionKeeper keeper = longAt(21_000);
        List<PaperOrder> orders = keeper.onBar(bar(at(10, 2), 21_001, 21_005, 20_975, 21_004));
        assertThat(orders)
                .singleElement()
                .satisfies(
                        o -> {
                            assertThat(o.reason()).isEqualTo(PaperOrder.STOP);
                            assertThat(o.price())
                                    .as("the stop 20,980.25 less a tick")
                                    .isEqualTo(20_980.0);
                        });
        ClosedTrade trade = keeper.closedTrades().get(0);
        assertThat(trade.grossUsd()).isCloseTo((20_980.0 - 21_000.25) * 20, within(1e-9));
        assertThat(trade.costsUsd()).isEqualTo(5.0);
        assertThat(trade.netUsd()).isCloseTo(-410.0, within(1e-9));
        assertThat(keeper.position()).isZero();
    }

    @Test
    void shouldFillAGapThroughTheStopAtTheOpen() {
        PositionKeeper keeper = longAt(21_000);
        assertThat(keeper.onBar(bar(at(10, 2), 20_970, 20_972, 20_960, 20_965)))
                .singleElement()
                .satisfies(o -> assertThat(o.price()).isEqualTo(20_969.75));
    }

    @Test
    void shouldTakeTheStopWhenOneBarReachesStopAndTarget() {
        PositionKeeper keeper = longAt(21_000);
        assertThat(keeper.onBar(bar(at(10, 2), 21_001, 21_050, 20_970, 21_040)))
                .singleElement()
                .satisfies(o -> assertThat(o.reason()).isEqualTo(PaperOrder.STOP));
    }

    @Test
    void shouldTakeProfitAtTheTarget() {
        PositionKeeper keeper = longAt(21_000);
        assertThat(keeper.onBar(bar(at(10, 2), 21_010, 21_045, 21_005, 21_030)))
                .singleElement()
                .satisfies(
                        o -> {
                            assertThat(o.reason()).isEqualTo(PaperOrder.TARGET);
                            assertThat(o.price())
                                    .as("the target 21,040.25 less a tick")
                                    .isEqualTo(21_040.0);
                        });
        assertThat(keeper.closedTrades().get(0).netUsd()).isCloseTo(39.75 * 20 - 5, within(1e-9));
    }

    @Test
    void shouldStopAShortAboveItsEntry() {
        PositionKeeper keeper = new PositionKeeper(defaults);
        keeper.onSignal(signal("s", at(10, 0), -1, "EXTREME"));
        keeper.onBar(bar(at(10, 1), 21_000, 21_001, 20_999, 21_000));
        assertThat(keeper.position()).as("EXTREME: size multiplier 3").isEqualTo(-3);
        assertThat(keeper.onBar(bar(at(10, 2), 21_001, 21_021, 20_990, 20_995)))
                .singleElement()
                .satisfies(
                        o -> {
                            assertThat(o.reason()).isEqualTo(PaperOrder.STOP);
                            assertThat(o.side()).isEqualTo(1);
                            assertThat(o.price())
                                    .as("stop 21,019.75 plus a tick")
                                    .isEqualTo(21_020.0);
                        });
    }

    @Test
    void shouldLeaveAtTheOpenAfterTheLongestHoldingTime() {
        PositionKeeper keeper = longAt(21_000);
        assertThat(keeper.onBar(bar(at(11, 0), 21_002, 21_004, 21_000, 21_003)))
                .as("59 minutes after the entry")
                .isEmpty();
        assertThat(keeper.onBar(bar(at(11, 1), 21_003, 21_004, 21_001, 21_002)))
                .singleElement()
                .satisfies(
                        o -> {
                            assertThat(o.reason()).isEqualTo(PaperOrder.TIME);
                            assertThat(o.price()).isEqualTo(21_002.75);
                        });
    }

    @Test
    void shouldCloseOnAnOppositeSignalAndTurn() {
        PositionKeeper keeper = longAt(21_000);
        keeper.onSignal(signal("b", at(10, 5), -1, "HIGH"));
        List<PaperOrder> orders = keeper.onBar(bar(at(10, 6), 21_010, 21_012, 21_008, 21_011));
        assertThat(orders)
                .extracting(PaperOrder::reason)
                .containsExactly(PaperOrder.OPPOSITE, PaperOrder.ENTRY);
        assertThat(orders.get(0).price()).isEqualTo(21_009.75);
        assertThat(orders.get(1).price()).isEqualTo(21_009.75);
        assertThat(keeper.position()).isEqualTo(-1);
        assertThat(keeper.closedTrades())
                .singleElement()
                .satisfies(t -> assertThat(t.exitReason()).isEqualTo(PaperOrder.OPPOSITE));
    }

    @Test
    void shouldSkipASignalInTheDirectionAlreadyHeld() {
        PositionKeeper keeper = longAt(21_000);
        keeper.onSignal(signal("b", at(10, 5), 1, "HIGH"));
        assertThat(keeper.onBar(bar(at(10, 6), 21_003, 21_004, 21_002, 21_003)))
                .singleElement()
                .satisfies(
                        o -> {
                            assertThat(o.filled()).isFalse();
                            assertThat(o.reason()).isEqualTo("in_position");
                        });
    }

    @Test
    void shouldCapTheEntriesOfATradingDate() {
        StrategyParams twoADay = with(defaults, 2, 15);
        PositionKeeper keeper = new PositionKeeper(twoADay);
        List<PaperOrder> all = new ArrayList<>();
        int minute = 0;
        for (int direction : new int[] {1, -1, 1}) {
            keeper.onSignal(signal("x" + minute, at(10, minute), direction, "HIGH"));
            all.addAll(keeper.onBar(bar(at(10, minute + 1), 21_000, 21_001, 20_999, 21_000)));
            minute += 2;
        }
        assertThat(all).filteredOn(o -> o.reason().equals(PaperOrder.ENTRY)).hasSize(2);
        assertThat(all).filteredOn(o -> o.reason().equals("daily_cap")).hasSize(1);

        long evening = at(17, 30);
        keeper.onSignal(signal("next-day", evening, 1, "HIGH"));
        assertThat(keeper.onBar(bar(evening + MINUTE, 21_000, 21_001, 20_999, 21_000)))
                .as("17:00 Chicago starts the next trading date")
                .extracting(PaperOrder::reason)
                .contains(PaperOrder.ENTRY);
    }

    @Test
    void shouldNotEnterNearTheCloseNorBeforeTheNextSessionOpens() {
        PositionKeeper keeper = new PositionKeeper(defaults);
        keeper.onSignal(signal("late", at(15, 44), 1, "HIGH"));
        assertThat(keeper.onBar(bar(at(15, 45), 21_000, 21_001, 20_999, 21_000)))
                .singleElement()
                .satisfies(o -> assertThat(o.reason()).isEqualTo("close_cut_off"));
        PositionKeeper fresh = new PositionKeeper(defaults);
        fresh.onSignal(signal("early", at(15, 43), 1, "HIGH"));
        assertThat(fresh.onBar(bar(at(15, 44), 21_000, 21_001, 20_999, 21_000)))
                .singleElement()
                .satisfies(o -> assertThat(o.reason()).isEqualTo(PaperOrder.ENTRY));
    }

    @Test
    void shouldDropASignalNotFilledSoonAfterItBecameVisible() {
        PositionKeeper keeper = new PositionKeeper(defaults);
        keeper.onSignal(signal("friday", at(10, 0), 1, "HIGH"));
        long later = at(10, 0) + 2 * 24 * 60 * MINUTE;
        assertThat(keeper.onBar(bar(later, 21_000, 21_001, 20_999, 21_000)))
                .singleElement()
                .satisfies(o -> assertThat(o.reason()).isEqualTo("entry_expired"));
        assertThat(keeper.position()).isZero();
    }

    @Test
    void shouldSkipSignalsBelowItsTierAndSizeByTierAndConfidence() {
        PositionKeeper keeper = new PositionKeeper(defaults);
        assertThat(keeper.onSignal(signal("m", at(10, 0), 1, "MODERATE")))
                .singleElement()
                .satisfies(o -> assertThat(o.reason()).isEqualTo("min_tier"));
        assertThat(defaults.contracts(3, 0.95)).isEqualTo(3);
        assertThat(with(defaults, 10, 15).contracts(3, 0.95)).isEqualTo(3);
        StrategyParams capped =
                new StrategyParams(
                        "c",
                        "HIGH",
                        1,
                        true,
                        2,
                        10,
                        20,
                        40,
                        60,
                        LocalTime.of(16, 0),
                        15,
                        5,
                        DELAY_MS,
                        20,
                        0.25,
                        1,
                        2.5);
        assertThat(capped.contracts(3, 0.95)).as("2.85 capped at 2").isEqualTo(2);
        assertThat(capped.contracts(1.5, 0.9)).as("1.35 rounds down").isEqualTo(1);
    }

    @Test
    void shouldGiveTheSameOrdersForTheSameSequence() {
        assertThat(replay()).isEqualTo(replay()).isNotEmpty();
    }

    @Test
    void shouldRefuseParametersThatCannotTrade() {
        assertThatThrownBy(
                        () ->
                                new StrategyParams(
                                        "bad",
                                        "HIGH",
                                        1,
                                        false,
                                        5,
                                        10,
                                        -1,
                                        40,
                                        60,
                                        LocalTime.of(16, 0),
                                        15,
                                        5,
                                        DELAY_MS,
                                        20,
                                        0.25,
                                        1,
                                        2.5))
                .hasMessageContaining("strategy bad: stop_loss_points must be positive");
        assertThatThrownBy(() -> StrategyParams.nqDefaults("zero-delay", 0))
                .hasMessageContaining("visibility_delay_ms must be positive");
        assertThatThrownBy(
                        () ->
                                new StrategyParams(
                                        "t",
                                        "LOW",
                                        1,
                                        false,
                                        5,
                                        10,
                                        20,
                                        40,
                                        60,
                                        LocalTime.of(16, 0),
                                        15,
                                        5,
                                        DELAY_MS,
                                        20,
                                        0.25,
                                        1,
                                        2.5))
                .hasMessageContaining("min_tier must be one of");
        assertThatThrownBy(() -> new SignalIntent("n", 0, 1, "HIGH", Double.NaN, 1.5))
                .hasMessageContaining("signal n: confidence must be 0 to 1, got NaN");
        assertThatThrownBy(() -> new SignalIntent("z", 0, 1, "HIGH", 0.8, 0))
                .hasMessageContaining("size multiplier must be positive");
    }

    @Test
    void shouldContinueFromItsStateAsIfItHadNeverStopped() {
        KeeperState state = new KeeperState();
        List<PaperOrder> stepwise = replay(() -> new PositionKeeper(defaults, state));
        assertThat(stepwise).isEqualTo(replay()).extracting(PaperOrder::filled).contains(true);
        assertThat(state.closedTrades).isPositive();
        assertThat(state.pending.length).as("no signal waits forever").isLessThanOrEqualTo(1);
    }

    private List<PaperOrder> replay() {
        PositionKeeper keeper = new PositionKeeper(defaults);
        return replay(() -> keeper);
    }

    /** A fixed sequence of signals and bars, each step given to the keeper {@code step} returns. */
    private List<PaperOrder> replay(java.util.function.Supplier<PositionKeeper> step) {
        List<PaperOrder> orders = new ArrayList<>();
        double price = 21_000;
        for (int m = 0; m < 120; m++) {
            if (m % 17 == 0) {
                orders.addAll(
                        step.get()
                                .onSignal(
                                        signal("s" + m, at(10, m), m % 34 == 0 ? 1 : -1, "HIGH")));
            }
            double next = price + ((m * 7919) % 13 - 6);
            orders.addAll(
                    step.get()
                            .onBar(
                                    bar(
                                            at(10, m),
                                            price,
                                            Math.max(price, next) + 3,
                                            Math.min(price, next) - 3,
                                            next)));
            price = next;
        }
        return orders;
    }

    /** A keeper long one contract from 10:01, entered at 21,000.25. */
    private PositionKeeper longAt(double open) {
        PositionKeeper keeper = new PositionKeeper(defaults);
        keeper.onSignal(signal("a", at(10, 0), 1, "HIGH"));
        keeper.onBar(bar(at(10, 1), open, open + 1, open - 1, open));
        assertThat(keeper.position()).isEqualTo(1);
        return keeper;
    }

    private static StrategyParams with(StrategyParams p, int maxDailyTrades, int cutOffMinutes) {
        return new StrategyParams(
                p.name(),
                p.minTier(),
                p.baseContracts(),
                p.scaleByConfidence(),
                p.maxPosition(),
                maxDailyTrades,
                p.stopLossPoints(),
                p.takeProfitPoints(),
                p.maxHoldingMinutes(),
                p.sessionClose(),
                cutOffMinutes,
                p.maxEntryDelayMinutes(),
                p.visibilityDelayMs(),
                p.pointValueUsd(),
                p.tickPoints(),
                p.slippageTicks(),
                p.costPerContractUsd());
    }

    /** {@code hour:minute} Chicago time on the Tuesday, ms since the epoch. */
    private static long at(int hour, int minute) {
        return TUESDAY.atTime(LocalTime.of(hour, 0))
                .plusMinutes(minute)
                .atZone(CHICAGO)
                .toInstant()
                .toEpochMilli();
    }

    private static SignalIntent signal(String id, long windowEndMs, int direction, String tier) {
        double multiplier =
                switch (tier) {
                    case "EXTREME" -> 3;
                    case "VERY_HIGH" -> 2;
                    case "HIGH" -> 1.5;
                    default -> 1;
                };
        return new SignalIntent(id, windowEndMs, direction, tier, 0.8, multiplier);
    }

    private static MinuteBar bar(long startMs, double open, double high, double low, double close) {
        return new MinuteBar(startMs, MINUTE, open, high, low, close);
    }
}
