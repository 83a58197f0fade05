package io.instflow.strategies;

import io.instflow.contract.Topic;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.ifd.JobArguments;
import io.instflow.ifd.PipelineConfig;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strategies job's entry point: {@code --bootstrap B [--input-prefix P] [--topic-prefix O]
 * [--profile-label L] [--config FILE] [--bounded] [--preview]}. It trades the signals of the IFD
 * deployment under the input prefix with every strategy its configuration declares.
 */
public final class StrategiesJob {

    private static final String USAGE =
            "--bootstrap B [--input-prefix P] [--topic-prefix O] [--profile-label L]"
                    + " [--config FILE] [--bounded] [--preview]";

    private StrategiesJob() {}

    public static void main(String[] args) throws Exception {
        StrategiesConfig config = parse(args);
        Topics input = new Topics(config.inputPrefix());
        TopicAdmin.requireExisting(
                config.bootstrap(),
                List.of(input.signals(), input.bars(1)),
                "the IFD job ('instflow kafka create-topics --set ifd')");
        TopicAdmin.ensure(
                config.bootstrap(),
                new Topics(config.outputPrefix()),
                Topic.Set.STRATEGIES,
                TopicAdmin.partitions(config.bootstrap(), input.signals()));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(environment(config));
        JobArguments.warnIfCheckpointsInMemory(env);
        StrategiesPipeline.wire(env, config);
        env.execute(config.deployment().name());
    }

    public static Configuration environment(StrategiesConfig config) {
        return JobArguments.environment(config.checkpointIntervalMs());
    }

    public static StrategiesConfig parse(String[] args) {
        Map<String, String> options =
                JobArguments.parse(args, Set.of("--bounded", "--preview"), USAGE);
        PipelineConfig pipeline =
                options.containsKey("--config")
                        ? PipelineConfig.load(Path.of(options.get("--config")))
                        : PipelineConfig.defaults();
        String inputPrefix = options.getOrDefault("--input-prefix", "");
        return of(
                pipeline,
                options.getOrDefault("--bootstrap", "localhost:9092"),
                inputPrefix,
                options.getOrDefault("--topic-prefix", inputPrefix),
                options.getOrDefault("--profile-label", "production"),
                options.containsKey("--bounded"),
                !options.containsKey("--preview"));
    }

    /** The job over {@code pipeline}'s strategies, watermarks and checkpoint interval. */
    public static StrategiesConfig of(
            PipelineConfig pipeline,
            String bootstrap,
            String inputPrefix,
            String outputPrefix,
            String profileLabel,
            boolean bounded,
            boolean exactlyOnce) {
        return new StrategiesConfig(
                bootstrap,
                inputPrefix,
                outputPrefix,
                profileLabel,
                StrategiesSection.of(pipeline),
                pipeline.outOfOrdernessMs(),
                pipeline.idleMs(),
                pipeline.checkpointIntervalMs(),
                bounded,
                exactlyOnce);
    }
}
