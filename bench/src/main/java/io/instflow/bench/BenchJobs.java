package io.instflow.bench;

import io.instflow.ifd.IfdConfig;
import io.instflow.ifd.IfdJob;
import io.instflow.ifd.JobArguments;
import io.instflow.ifd.PipelineConfig;

import org.apache.flink.configuration.Configuration;

import java.nio.file.Path;

/** The IFD job as the benchmarks run it: the bundled pipeline configuration's settings. */
final class BenchJobs {

    private static final PipelineConfig PIPELINE = PipelineConfig.defaults();

    private BenchJobs() {}

    /**
     * The job's environment checkpointing under {@code checkpoints} on the state backend named
     * {@code backend} (hashmap or rocksdb), incrementally as a cluster does.
     */
    static Configuration environment(IfdConfig job, String backend, Path checkpoints) {
        Configuration conf = JobArguments.checkpointsIn(IfdJob.environment(job), checkpoints);
        conf.setString("state.backend.type", backend);
        conf.setString("execution.checkpointing.incremental", "true");
        return conf;
    }

    /** The IFD job with the bundled profile {@code profile} and the bundled settings. */
    static IfdConfig ifd(
            String bootstrap,
            String inputPrefix,
            String outputPrefix,
            String profile,
            boolean bounded,
            boolean exactlyOnce) {
        return ifd(
                bootstrap,
                inputPrefix,
                outputPrefix,
                profile,
                PIPELINE.checkpointIntervalMs(),
                bounded,
                exactlyOnce);
    }

    /** As above, checkpointing every {@code checkpointIntervalMs}. */
    static IfdConfig ifd(
            String bootstrap,
            String inputPrefix,
            String outputPrefix,
            String profile,
            long checkpointIntervalMs,
            boolean bounded,
            boolean exactlyOnce) {
        return new IfdConfig(
                bootstrap,
                inputPrefix,
                outputPrefix,
                PIPELINE.profile(profile),
                PIPELINE.windowMinutes(),
                PIPELINE.outOfOrdernessMs(),
                PIPELINE.idleMs(),
                checkpointIntervalMs,
                bounded,
                exactlyOnce);
    }
}
