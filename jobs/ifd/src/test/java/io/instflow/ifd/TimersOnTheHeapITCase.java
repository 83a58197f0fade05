package io.instflow.ifd;

import io.instflow.testing.Await;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a cluster that keeps state in RocksDB, as the deployments' clusters do, the jobs' own
 * environment keeps timers on the heap: a checkpoint holds the timers as the timer service writes
 * heap timers, in raw keyed state, and without the jobs' setting the same job's timers go to
 * RocksDB.
 */
@Timeout(120)
class TimersOnTheHeapITCase {

    @TempDir static Path checkpoints;

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(rocksDbCluster())
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    @Test
    void shouldCheckpointTheJobsTimersFromTheHeap() throws Exception {
        OperatorSubtaskState timers = keyedStateOfAFirstCheckpoint(JobArguments.environment(300));

        assertThat(timers.getRawKeyedState()).as("timers written from the heap").isNotEmpty();
        assertThat(timers.getManagedKeyedState()).as("state in RocksDB").isEmpty();
    }

    @Test
    void shouldCheckpointTimersFromRocksDbWithoutTheJobsSetting() throws Exception {
        Configuration withoutTheSetting = JobArguments.environment(300);
        withoutTheSetting.removeKey(JobArguments.ROCKSDB_TIMERS);

        OperatorSubtaskState timers = keyedStateOfAFirstCheckpoint(withoutTheSetting);

        assertThat(timers.getRawKeyedState()).as("timers written from the heap").isEmpty();
        assertThat(timers.getManagedKeyedState()).as("state in RocksDB").isNotEmpty();
    }

    private static Configuration rocksDbCluster() {
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", "rocksdb");
        conf.setString("execution.checkpointing.incremental", "true");
        return conf;
    }

    /**
     * Runs, with {@code environment}, a job whose only state is one timer per key, until its first
     * checkpoint completes, and gives back that checkpoint's state of the keyed operator.
     */
    private static OperatorSubtaskState keyedStateOfAFirstCheckpoint(Configuration environment)
            throws Exception {
        Path dir = Files.createTempDirectory(checkpoints, "job");
        JobArguments.checkpointsIn(environment, dir);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(environment);
        env.setParallelism(1);
        env.fromSequence(0, Long.MAX_VALUE)
                .keyBy(n -> n % 10, Types.LONG)
                .process(new TimerPerKey())
                .sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync();
        CheckpointMetadata[] checkpoint = {null};
        try {
            Await.until(
                    () -> (checkpoint[0] = firstCheckpoint(dir)) != null,
                    Duration.ofSeconds(60),
                    "a completed checkpoint");
        } finally {
            job.cancel().get();
        }
        List<OperatorSubtaskState> keyed =
                checkpoint[0].getOperatorStates().stream()
                        .flatMap(o -> o.getStates().stream())
                        .filter(
                                s ->
                                        s.getRawKeyedState().hasState()
                                                || s.getManagedKeyedState().hasState())
                        .toList();
        assertThat(keyed).as("operators with keyed state").hasSize(1);
        return keyed.get(0);
    }

    /**
     * The first completed checkpoint under {@code dir}, or null while there is none to read: not
     * yet written, or removed by a later one while it was read.
     */
    private static CheckpointMetadata firstCheckpoint(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            Path found =
                    files.filter(f -> f.getFileName().toString().equals("_metadata"))
                            .findFirst()
                            .orElse(null);
            if (found == null) {
                return null;
            }
            byte[] metadata = Files.readAllBytes(found);
            return Checkpoints.loadCheckpointMetadata(
                    new DataInputStream(new ByteArrayInputStream(metadata)),
                    TimersOnTheHeapITCase.class.getClassLoader(),
                    found.toString());
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /** Registers an event-time timer for each key, far in the future. */
    private static final class TimerPerKey extends KeyedProcessFunction<Long, Long, Long> {
        @Override
        public void processElement(Long n, Context ctx, Collector<Long> out) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE - 1);
        }
    }
}
