package io.instflow.strategies.logic;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A strategy's figures from hand-checked round trips. */
class StrategyStatsTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void shouldComputeTheDesksFigures() {
        // three trading dates (15:00 UTC is 09:00 Chicago); net per trade 100, -50, 200, -150
        List<ClosedTrade> trades =
                List.of(
                        trade("HIGH", day(2), 105, 5),
                        trade("HIGH", day(2), -45, 5),
                        trade("EXTREME", day(3), 205, 5),
                        trade("HIGH", day(4), -145, 5));
        StrategyStats s = StrategyStats.of(trades, 8 * HOUR);

        assertThat(s.trades()).isEqualTo(4);
        assertThat(s.netUsd()).isEqualTo(100.0);
        assertThat(s.meanTradeUsd()).isEqualTo(25.0);
        // sample sd of 100, -50, 200, -150 around 25: sqrt((75² + 75² + 175² + 175²) / 3)
        double sd = Math.sqrt((2 * 75.0 * 75 + 2 * 175.0 * 175) / 3);
        assertThat(s.meanTradeStandardError()).isCloseTo(sd / 2, within(1e-9));
        assertThat(s.maxDrawdownUsd()).as("from 250 down to 100").isEqualTo(150.0);
        assertThat(s.hitRate()).isEqualTo(0.5);
        assertThat(s.averageWinUsd()).isEqualTo(150.0);
        assertThat(s.averageLossUsd()).isEqualTo(-100.0);
        assertThat(s.exposure()).as("four trades of an hour in eight hours").isEqualTo(0.5);

        // daily P&L 50, 200, -150: mean 33.33, sample sd, downside deviation sqrt(150² / 3)
        double mean = 100.0 / 3;
        double dailySd =
                Math.sqrt(
                        (Math.pow(50 - mean, 2)
                                        + Math.pow(200 - mean, 2)
                                        + Math.pow(-150 - mean, 2))
                                / 2);
        assertThat(s.dailySharpe()).isCloseTo(mean / dailySd * Math.sqrt(252), within(1e-9));
        assertThat(s.dailySortino())
                .isCloseTo(mean / Math.sqrt(150.0 * 150 / 3) * Math.sqrt(252), within(1e-9));

        assertThat(StrategyStats.equityCurve(trades)).containsExactly(100.0, 50.0, 250.0, 100.0);
        assertThat(StrategyStats.byTier(trades, 8 * HOUR))
                .containsOnlyKeys("EXTREME", "HIGH")
                .satisfies(m -> assertThat(m.get("HIGH").netUsd()).isEqualTo(-100.0));
    }

    @Test
    void shouldLeaveRatiosOutWithoutEnoughDays() {
        StrategyStats one = StrategyStats.of(List.of(trade("HIGH", day(2), 105, 5)), HOUR);
        assertThat(one.dailySharpe()).isNull();
        assertThat(one.dailySortino()).isNull();
        assertThat(one.meanTradeStandardError()).isNaN();
        assertThat(StrategyStats.of(List.of(), HOUR).trades()).isZero();
    }

    private static long day(int dayOfMonth) {
        return LocalDate.of(2026, 11, dayOfMonth)
                .atTime(15, 0)
                .toInstant(ZoneOffset.UTC)
                .toEpochMilli();
    }

    private static ClosedTrade trade(String tier, long entryMs, double grossUsd, double costsUsd) {
        return new ClosedTrade(
                "s",
                "id",
                tier,
                1,
                1,
                entryMs,
                21_000,
                entryMs + HOUR,
                21_000,
                PaperOrder.TIME,
                grossUsd,
                costsUsd);
    }
}
