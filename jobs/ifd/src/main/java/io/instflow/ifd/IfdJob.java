package io.instflow.ifd;

import io.instflow.contract.Topic;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.ifd.io.BaselineSeedFile;
import io.instflow.ifd.logic.BaselineSeed;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IFD job's entry point: parses {@code --bootstrap B --config FILE --profile NAME
 * --topic-prefix P --input-prefix P [--baselines FILE] [--bounded] [--preview]
 * [--barchart-backup]}, builds the {@link IfdConfig} and runs {@link IfdPipeline}. The baselines
 * file is read here, on the client, and travels with the job. The same jar runs production and
 * shadow deployments.
 */
public final class IfdJob {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IfdJob.class);

    static final long PREVIEW_WATERMARK_INTERVAL_MS = 50;
    static final long PREVIEW_BUFFER_TIMEOUT_MS = 10;

    private IfdJob() {}

    public static void main(String[] args) throws Exception {
        IfdConfig config = parse(args);
        TopicAdmin.requireExisting(
                config.bootstrap(),
                List.of(config.input().mbo(), config.input().definitions()),
                "the connector ('instflow connect', or 'instflow kafka create-topics --set input')");
        int partitions = TopicAdmin.partitions(config.bootstrap(), config.input().mbo());
        TopicAdmin.ensure(config.bootstrap(), config.output(), Topic.Set.IFD, partitions)
                .forEach(t -> LOG.info("created output topic {} ({} partitions)", t, partitions));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(environment(config));
        JobArguments.warnIfCheckpointsInMemory(env);
        IfdPipeline.wire(env, config);
        env.execute(config.deployment().name());
    }

    /**
     * Job settings the code owns: checkpoints for exactly-once, no Kryo fallback, and object reuse:
     * records pass between chained operators without a deep copy. The job's functions copy what
     * they keep of an input (a contract, a window waiting for evaluation) and never change an
     * input. In preview mode, whose output is visible as soon as it is written, watermarks are
     * emitted every {@value #PREVIEW_WATERMARK_INTERVAL_MS} ms and network buffers flushed every
     * {@value #PREVIEW_BUFFER_TIMEOUT_MS} ms instead of Flink's 200 and 100: both would otherwise
     * be waited out on the way to every bar and decision.
     */
    public static Configuration environment(IfdConfig config) {
        Configuration conf = JobArguments.environment(config.checkpointIntervalMs());
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        if (!config.exactlyOnce()) {
            conf.set(
                    PipelineOptions.AUTO_WATERMARK_INTERVAL,
                    Duration.ofMillis(PREVIEW_WATERMARK_INTERVAL_MS));
            conf.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(PREVIEW_BUFFER_TIMEOUT_MS));
        }
        return conf;
    }

    public static IfdConfig parse(String[] args) {
        Map<String, String> options =
                JobArguments.parse(
                        args,
                        Set.of("--bounded", "--preview", "--barchart-backup"),
                        "--bootstrap B --profile NAME [--config FILE] [--topic-prefix P] [--input-prefix P] [--bounded] [--preview]"
                                + " [--barchart-backup] [--baselines FILE]");
        PipelineConfig pipeline =
                options.containsKey("--config")
                        ? PipelineConfig.load(Path.of(options.get("--config")))
                        : PipelineConfig.defaults();
        return new IfdConfig(
                options.getOrDefault("--bootstrap", "localhost:9092"),
                options.getOrDefault("--input-prefix", ""),
                options.getOrDefault("--topic-prefix", ""),
                pipeline.profile(options.getOrDefault("--profile", "production")),
                pipeline.windowMinutes(),
                pipeline.outOfOrdernessMs(),
                pipeline.idleMs(),
                pipeline.checkpointIntervalMs(),
                options.containsKey("--bounded"),
                !options.containsKey("--preview"),
                options.containsKey("--barchart-backup"),
                pipeline.guard(),
                pipeline.definitionWaitMs(),
                options.containsKey("--baselines")
                        ? BaselineSeedFile.read(Path.of(options.get("--baselines")))
                        : BaselineSeed.EMPTY);
    }
}
