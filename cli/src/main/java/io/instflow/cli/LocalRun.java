package io.instflow.cli;

import io.instflow.contract.Topic;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.ifd.IfdConfig;
import io.instflow.ifd.IfdJob;
import io.instflow.ifd.IfdPipeline;
import io.instflow.ifd.JobArguments;
import io.instflow.ifd.PipelineConfig;
import io.instflow.ifd.logic.BaselineSeed;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ingest.FileReplay;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.strategies.StrategiesConfig;
import io.instflow.strategies.StrategiesJob;
import io.instflow.strategies.StrategiesPipeline;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The steps the embedded runs share: topics, replay into Kafka, a bounded IFD job, reading a topic
 * back.
 */
final class LocalRun {

    private LocalRun() {}

    /** One step of a long run, on a line of its own as it starts. */
    static void step(PrintWriter console, String what) {
        console.println("-> " + what);
        console.flush();
    }

    static FileReplay.Result replay(String bootstrap, PipelineInput input, int partitions) {
        return replay(bootstrap, input, partitions, FileReplay.Progress.NONE);
    }

    /** The replay with a progress line on {@code console} when it is a terminal. */
    static FileReplay.Result replay(
            String bootstrap, PipelineInput input, int partitions, PrintWriter console) {
        return replay(bootstrap, input, partitions, new ConnectCommand.Progress(console));
    }

    private static FileReplay.Result replay(
            String bootstrap, PipelineInput input, int partitions, FileReplay.Progress progress) {
        TopicAdmin.ensure(bootstrap, new Topics(""), partitions);
        try (KafkaPublisher publisher =
                new KafkaPublisher(bootstrap, new Topics(""), "GLBX.MDP3", KafkaPublisher.BULK)) {
            return new FileReplay(input.files(), 0, progress).run(publisher);
        }
    }

    /**
     * The topics {@code set}'s program writes under {@code prefix}, as the registry describes them.
     */
    static void createTopics(String bootstrap, String prefix, Topic.Set set, int partitions) {
        TopicAdmin.ensure(bootstrap, new Topics(prefix), set, partitions);
    }

    static IfdConfig ifdConfig(
            String bootstrap,
            String outputPrefix,
            DetectorParams params,
            PipelineConfig pipeline,
            boolean bounded) {
        return new IfdConfig(
                bootstrap,
                "",
                outputPrefix,
                params,
                pipeline.windowMinutes(),
                pipeline.outOfOrdernessMs(),
                pipeline.idleMs(),
                pipeline.checkpointIntervalMs(),
                bounded,
                true,
                false,
                pipeline.guard(),
                pipeline.definitionWaitMs(),
                BaselineSeed.EMPTY);
    }

    /**
     * Starts the IFD job unbounded on an embedded cluster, exactly-once, checkpointing under {@code
     * checkpoints}, and returns at once.
     */
    static org.apache.flink.core.execution.JobClient startIfd(
            IfdConfig job, int parallelism, Path checkpoints) throws Exception {
        StreamExecutionEnvironment env =
                embedded(parallelism, IfdJob.environment(job), checkpoints);
        IfdPipeline.wire(env, job);
        return env.executeAsync(job.deployment().name());
    }

    /** An embedded cluster's environment with {@code conf}, checkpointing under {@code dir}. */
    static StreamExecutionEnvironment embedded(int parallelism, Configuration conf, Path dir) {
        return StreamExecutionEnvironment.createLocalEnvironment(
                parallelism, JobArguments.checkpointsIn(conf, dir));
    }

    /**
     * Runs the bounded job {@code wiring} builds on an embedded cluster to its end, checkpointing
     * under a temporary directory deleted afterwards: nothing resumes an embedded run.
     */
    static void runBounded(
            int parallelism,
            Configuration conf,
            Consumer<StreamExecutionEnvironment> wiring,
            String name)
            throws Exception {
        Path checkpoints = Files.createTempDirectory("instflow-checkpoints-");
        try {
            StreamExecutionEnvironment env = embedded(parallelism, conf, checkpoints);
            wiring.accept(env);
            env.execute(name);
        } finally {
            WorkDir.delete(checkpoints);
        }
    }

    /**
     * Runs the IFD job over everything in the input topics, exactly-once; returns its wall time in
     * seconds.
     */
    static double runIfd(
            String bootstrap,
            String outputPrefix,
            DetectorParams params,
            PipelineConfig pipeline,
            int parallelism)
            throws Exception {
        return runIfd(ifdConfig(bootstrap, outputPrefix, params, pipeline, true), parallelism);
    }

    /** Runs a bounded IFD job to its end; returns its wall time in seconds. */
    static double runIfd(IfdConfig job, int parallelism) throws Exception {
        long start = System.nanoTime();
        runBounded(
                parallelism,
                IfdJob.environment(job),
                env -> IfdPipeline.wire(env, job),
                job.deployment().name());
        return (System.nanoTime() - start) / 1e9;
    }

    /** As above, with the job's progress line on {@code console} when it is a terminal. */
    static double runIfd(IfdConfig job, int parallelism, PrintWriter console) throws Exception {
        try (AutoCloseable progress =
                JobProgress.start(
                        console, job.bootstrap(), job.deployment().name(), job.input().mbo())) {
            return runIfd(job, parallelism);
        }
    }

    /**
     * The strategies of {@code pipeline} over the signals and bars of each IFD deployment under
     * {@code labelByInputPrefix}, writing under the same prefix, bounded and exactly-once, one job
     * per deployment as a cluster runs them; returns their wall time in seconds.
     */
    static double runStrategies(
            String bootstrap,
            PipelineConfig pipeline,
            Map<String, String> labelByInputPrefix,
            int parallelism)
            throws Exception {
        long start = System.nanoTime();
        for (Map.Entry<String, String> side : labelByInputPrefix.entrySet()) {
            StrategiesConfig config =
                    StrategiesJob.of(
                            pipeline,
                            bootstrap,
                            side.getKey(),
                            side.getKey(),
                            side.getValue(),
                            true,
                            true);
            createTopics(bootstrap, side.getKey(), Topic.Set.STRATEGIES, parallelism);
            runBounded(
                    parallelism,
                    StrategiesJob.environment(config),
                    env -> StrategiesPipeline.wire(env, config),
                    config.deployment().name());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static <T extends SpecificRecord> List<T> read(String bootstrap, String topic, Class<T> type) {
        return TopicScan.readAll(bootstrap, topic, type, Duration.ofMinutes(2));
    }
}
