package io.instflow.ifd;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the jobs' {@code main} methods share: {@code --key value} arguments and the settings the
 * code owns.
 */
public final class JobArguments {

    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger(JobArguments.class);

    private JobArguments() {}

    /**
     * @param flags options without a value (present means true)
     * @param usage the job's usage line, for the error message
     */
    public static Map<String, String> parse(String[] args, Set<String> flags, String usage) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (flags.contains(arg)) {
                options.put(arg, "true");
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                options.put(arg, args[++i]);
            } else {
                throw new IllegalArgumentException(
                        "unexpected argument '" + arg + "'; usage: " + usage);
            }
        }
        return options;
    }

    /** Checkpoints for exactly-once and no Kryo fallback. */
    public static Configuration environment(long checkpointIntervalMs) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.setString("execution.checkpointing.interval", checkpointIntervalMs + " ms");
        return conf;
    }

    /**
     * {@code conf} with checkpoints in files under {@code dir}, for an embedded cluster, which has
     * no cluster configuration. Flink's default keeps them in the JobManager's memory, at most 5 MB
     * of state per task, less than the IFD job's on the full universe: every checkpoint would fail
     * and restart the job.
     */
    public static Configuration checkpointsIn(Configuration conf, Path dir) {
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
        return conf;
    }

    /** Warns when the cluster running {@code env} keeps checkpoints in the JobManager's memory. */
    public static void warnIfCheckpointsInMemory(StreamExecutionEnvironment env) {
        if (env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY) == null) {
            LOG.warn(
                    "the cluster sets no {}: checkpoints are kept in the JobManager's memory, at"
                            + " most 5 MB of state per task, which the IFD job exceeds on the full"
                            + " NQ options universe; every checkpoint would then fail and restart"
                            + " the job. Set it in the cluster's config.yaml.",
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY.key());
        }
    }
}
