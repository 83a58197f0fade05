package io.instflow.bench;

import io.instflow.bench.SustainedRate.Report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SustainedRateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldMeasureBothSubtasksTogetherAndLeaveOutTheSlowStartAndTheLoneDrain() {
        List<Report> reports = new ArrayList<>();
        // both subtasks: 1 s of warm-up for the first 100 k records, then 100 k records each per
        // 0.5 s (400 k/s together) until subtask 0 ends at 5.5 s; subtask 1 then reads its last
        // 1 M records alone at twice its rate
        for (int subtask = 0; subtask < 2; subtask++) {
            reports.add(new Report(Integer.toString(subtask), SECOND, 100_000));
            for (int i = 1; i <= 9; i++) {
                reports.add(
                        new Report(Integer.toString(subtask), SECOND + i * SECOND / 2, 100_000));
            }
        }
        for (int i = 1; i <= 10; i++) {
            reports.add(new Report("1", 11 * SECOND / 2 + i * SECOND / 4, 100_000));
        }
        assertThat(SustainedRate.of(reports)).isCloseTo(400_000, within(1.0));
        assertThat(SustainedRate.bySubtask(reports)).isEqualTo("1.0 M / 2.0 M");
    }

    @Test
    void shouldGiveTheSameRateWhateverOrderReportsOfTheSameTimeArriveIn() {
        List<Report> reports = new ArrayList<>();
        // 2.8 M in all: the quarter (700 k) and three quarters (2.1 M) fall inside a second's pair
        for (int i = 1; i <= 7; i++) {
            reports.add(new Report("0", i * SECOND, 300_000));
            reports.add(new Report("1", i * SECOND, 100_000));
        }
        List<Report> reversed = new ArrayList<>(reports);
        java.util.Collections.reverse(reversed);
        assertThat(SustainedRate.of(reversed)).isEqualTo(SustainedRate.of(reports));
        assertThat(SustainedRate.of(reports)).isCloseTo(400_000, within(1.0));
    }

    @Test
    void shouldNotBeMeasurableWithoutTimeBetweenTheQuarters() {
        assertThat(SustainedRate.of(List.of(new Report("0", SECOND, 100_000)))).isNaN();
        assertThat(SustainedRate.of(List.of())).isNaN();
    }
}
