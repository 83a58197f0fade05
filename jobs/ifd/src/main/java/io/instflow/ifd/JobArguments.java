package io.instflow.ifd;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the jobs' {@code main} methods share: {@code --key value} arguments and the settings the
 * code owns.
 */
public final class JobArguments {

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
}
