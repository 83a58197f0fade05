package io.instflow.bench;

import io.instflow.bench.UniverseRatio.Result;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UniverseRatioTest {

    @Test
    void shouldSetTheMediansOfColdAndWarmJobsOfBothUniversesSideBySide() {
        List<Result> results =
                List.of(
                        // task manager a: small first
                        new Result("hashmap", "a", 1, "small", 400_000, 1_000_000),
                        new Result("hashmap", "a", 2, "full", 500_000, 1_000_000),
                        new Result("hashmap", "a", 3, "small", 700_000, 1_000_000),
                        new Result("hashmap", "a", 4, "full", 600_000, 1_000_000),
                        new Result("hashmap", "a", 5, "small", 900_000, 1_000_000),
                        // task manager b: full first
                        new Result("hashmap", "b", 1, "full", 300_000, 1_000_000),
                        new Result("hashmap", "b", 2, "small", 600_000, 1_000_000),
                        new Result("hashmap", "b", 3, "full", 650_000, 1_000_000),
                        new Result("hashmap", "b", 4, "small", 700_000, 2_000_000),
                        new Result("hashmap", "b", 5, "full", 800_000, 1_000_000));
        String summary = UniverseRatio.summary(results);
        assertThat(summary)
                .contains("hashmap: 10 jobs on 2 task manager(s)")
                .contains("  small 400,000 (0.40): median 400,000 (0.40)")
                .contains("  full  300,000 (0.30): median 300,000 (0.30)")
                .contains("  full / small: 0.75 (of the medians)")
                // warm: small 900 k and 700 k (at 0.35 of its reference), full 600 k and 800 k
                .contains("  small 900,000 (0.90), 700,000 (0.35): median 800,000 (0.63)")
                .contains("  full  600,000 (0.60), 800,000 (0.80): median 700,000 (0.70)")
                .contains("  full / small: 0.88 (of the medians)");
    }

    @Test
    void shouldSummariseEachStateBackendOnItsOwn() {
        String summary =
                UniverseRatio.summary(
                        List.of(
                                new Result("rocksdb", "a", 1, "small", 500_000, 1_000_000),
                                new Result("rocksdb", "a", 2, "full", 400_000, 1_000_000),
                                new Result("hashmap", "b", 1, "full", 600_000, 1_000_000),
                                new Result("hashmap", "b", 2, "small", 800_000, 1_000_000)));
        assertThat(summary)
                .containsSubsequence(
                        "hashmap: 2 jobs on 1 task manager(s)",
                        "  full  600,000 (0.60): median 600,000 (0.60)",
                        "rocksdb: 2 jobs on 1 task manager(s)",
                        "  small 500,000 (0.50): median 500,000 (0.50)")
                .doesNotContain("full / small");
    }

    @Test
    void shouldSayWhichUniverseHadNoJobsInsteadOfARatio() {
        String summary =
                UniverseRatio.summary(List.of(new Result("hashmap", "a", 1, "small", 1, 2)));
        assertThat(summary).contains("  full  no jobs").doesNotContain("full / small");
    }

    @Test
    void shouldReadBackTheLinesItWrites() {
        Result r = new Result("rocksdb", "k3x", 4, "full", 612_345.4, 1_000_000);
        assertThat(Result.parse(r.line()))
                .isEqualTo(new Result("rocksdb", "k3x", 4, "full", 612_345, 1e6));
        assertThatThrownBy(() -> Result.parse("rocksdb\tk3x\t4\tfull"))
                .hasMessageContaining("not a result line: 'rocksdb\tk3x\t4\tfull'");
    }

    @Test
    void shouldTakeTheMeanOfTheMiddleTwoOfAnEvenCount() {
        assertThat(Percentile.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Percentile.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Percentile.median(List.of())).isNaN();
    }
}
