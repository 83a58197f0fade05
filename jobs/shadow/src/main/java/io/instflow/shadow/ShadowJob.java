package io.instflow.shadow;

import io.instflow.contract.Topic;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.ifd.JobArguments;
import io.instflow.ifd.PipelineConfig;
import io.instflow.shadow.logic.OutcomeParams;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The comparison job's entry point: {@code --bootstrap B --production-prefix P --shadow-prefix S
 * [--topic-prefix O] [--production-label L] [--shadow-label L] [--config FILE] [--bounded]
 * [--preview]}.
 */
public final class ShadowJob {

    private ShadowJob() {}

    public static void main(String[] args) throws Exception {
        ShadowConfig config = parse(args);
        TopicAdmin.requireExisting(
                config.bootstrap(),
                List.of(
                        new Topics(config.productionPrefix()).signals(),
                        new Topics(config.shadowPrefix()).signals(),
                        new Topics(config.productionPrefix()).bars(1)),
                "the IFD jobs ('instflow kafka create-topics --set ifd')");
        TopicAdmin.ensure(
                config.bootstrap(),
                new Topics(config.outputPrefix()),
                Topic.Set.COMPARISON,
                TopicAdmin.partitions(
                        config.bootstrap(), new Topics(config.productionPrefix()).signals()));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(environment(config));
        JobArguments.warnIfCheckpointsInMemory(env);
        ShadowPipeline.wire(env, config);
        env.execute(config.deployment().name());
    }

    public static Configuration environment(ShadowConfig config) {
        return JobArguments.environment(config.checkpointIntervalMs());
    }

    public static ShadowConfig parse(String[] args) {
        Map<String, String> options =
                JobArguments.parse(
                        args,
                        Set.of("--bounded", "--preview"),
                        "--bootstrap B"
                                + " --production-prefix P --shadow-prefix S [--topic-prefix O] [--production-label L]"
                                + " [--shadow-label L] [--config FILE] [--bounded] [--preview]");
        if (!options.containsKey("--shadow-prefix")) {
            throw new IllegalArgumentException(
                    "--shadow-prefix is required: the topic prefix of the shadow IFD job");
        }
        PipelineConfig pipeline =
                options.containsKey("--config")
                        ? PipelineConfig.load(Path.of(options.get("--config")))
                        : PipelineConfig.defaults();
        return new ShadowConfig(
                options.getOrDefault("--bootstrap", "localhost:9092"),
                options.getOrDefault("--production-prefix", ""),
                options.get("--shadow-prefix"),
                options.getOrDefault("--topic-prefix", ""),
                options.getOrDefault("--production-label", "production"),
                options.getOrDefault("--shadow-label", "shadow"),
                pipeline.profile("production").coordinationStrikePoints(),
                OutcomeParams.defaults(),
                pipeline.outOfOrdernessMs(),
                pipeline.idleMs(),
                pipeline.checkpointIntervalMs(),
                options.containsKey("--bounded"),
                !options.containsKey("--preview"));
    }
}
