package io.instflow.ifd;

import io.instflow.contract.Topics;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulatorConfig;
import io.instflow.testing.KafkaBroker;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Same input, same output: one session run at parallelism 1, at parallelism 2, and at 2 with a task
 * failure in the middle commits the same records, field by field but the write-time stamps.
 */
@Timeout(600)
class DeterminismITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path dir;

    @Test
    void shouldCommitTheSameRecordsWhateverTheParallelismOrAFailure() throws Exception {
        var session =
                new MarketSimulator(
                                SimulatorConfig.builder(dir)
                                        .days(1)
                                        .minutes(60)
                                        .seed(33)
                                        .episodesPerDay(4)
                                        .build())
                        .run(line -> {});
        JobRuns runs = new JobRuns(KAFKA.bootstrapServers(), session);
        Topics input = new Topics(KAFKA.uniqueTopicPrefix());
        runs.replay(input);
        Topics one = new Topics(input.prefix() + "p1.");
        Topics two = new Topics(input.prefix() + "p2.");
        Topics failed = new Topics(input.prefix() + "fail.");
        runs.run(input, one, 1, null);
        runs.run(input, two, 2, null);
        runs.run(input, failed, 2, new FailOnce("determinism", 200_000));
        assertThat(FailOnce.failed("determinism")).as("the failure was injected").isTrue();

        Map<String, List<String>> expected = runs.outputs(one);
        assertThat(expected.get("signals")).as("the session has signals").isNotEmpty();
        assertThat(expected.get("signals"))
                .noneMatch(s -> s.contains("\"underlying_price\": null"));
        assertThat(runs.outputs(two)).as("parallelism 2").isEqualTo(expected);
        assertThat(runs.outputs(failed)).as("parallelism 2 with a failure").isEqualTo(expected);
    }
}
