package io.instflow.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress lines of the replay and the job phases: share, rate and time left. */
class JobProgressTest {

    @Test
    void shouldEstimateTheTimeLeftFromTheRateSoFar() {
        assertThat(JobProgress.line(2_000_000, 8_000_000, 10))
                .isEqualTo(
                        "  job: 2,000,000 of 8,000,000 input records committed (25 %), 200,000/s,"
                                + " about 30 s left");
        assertThat(JobProgress.line(1_000_000, 100_000_000, 10))
                .endsWith("100,000/s, about 16 min 30 s left");
        assertThat(JobProgress.line(0, 8_000_000, 3))
                .endsWith("(0 %), 0/s, waiting for the first checkpoint");
        assertThat(JobProgress.line(8_000_000, 8_000_000, 40))
                .endsWith("(100 %), 200,000/s, input read");
    }

    @Test
    void shouldEstimateTheReplaysTimeLeftFromTheShareOfTheFilesRead() {
        long ts = 1_800_000_000_000_000_000L;
        assertThat(ConnectCommand.Progress.line(500_000, 10, ts, 0.25))
                .endsWith("  25 %, about 30 s left")
                .contains("50,000/s");
        assertThat(ConnectCommand.Progress.line(500_000, 10, ts, 1)).endsWith("  100 %");
        assertThat(ConnectCommand.Progress.line(500_000, 10, ts, 0))
                .as("nothing read yet: no estimate")
                .doesNotContain("%");
    }
}
