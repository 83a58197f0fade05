package io.instflow.cli;

import io.instflow.ifd.PipelineConfig;
import io.instflow.ifd.io.BaselineSeedFile;
import io.instflow.ifd.logic.BaselineSeed;
import io.instflow.ifd.logic.DetectorParams;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code instflow backfill}: baselines from historical data ({@link Backfill}), so that a live run
 * or a new deployment does not start from nothing.
 */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description =
                "Build the baselines a job starts from (--baselines) out of prior days' DBN files:"
                        + " each contract's daily aggregates and v3.1's pools by type, moneyness"
                        + " and days to expiry.")
final class BackfillCommand implements Callable<Integer> {

    @Option(
            names = "--input",
            required = true,
            arity = "1..*",
            paramLabel = "PATH",
            description =
                    "DBN files (MBO with the definitions), or directories of them: the prior"
                            + " trading days.")
    List<Path> input;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "The baselines file to write (JSON).")
    Path out;

    @Option(
            names = "--profile",
            defaultValue = "production",
            description =
                    "Profile whose lookback the days are pruned to (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--config",
            description =
                    "Pipeline configuration JSON (default: the bundled one); its window length"
                            + " must be the one of the job that starts from the file.")
    Path config;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism.")
    int parallelism;

    @Option(
            names = "--dir",
            description = "Keep the broker's data here instead of a temporary directory.")
    Path dir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        PipelineConfig pipeline =
                config == null ? PipelineConfig.defaults() : PipelineConfig.load(config);
        DetectorParams params = pipeline.profile(profile);
        PipelineInput source = PipelineInput.paths(input);
        PipelineOutputs.requireWritable(out.toAbsolutePath().getParent());
        BaselineSeed seed;
        try (WorkDir work = WorkDir.of(dir, "instflow-backfill-")) {
            Thread cleanUp = new Thread(work::close, "instflow-backfill-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanUp);
            seed = Backfill.build(work.path(), source, pipeline, params, parallelism, console);
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
        BaselineSeedFile.write(out, seed);
        long[] range = seed.dateRange();
        console.printf(
                "baselines of %d contracts and %d pools, trading days %s to %s, written to %s%n",
                seed.contracts().size(),
                seed.pools().size(),
                LocalDate.ofEpochDay(range[0]),
                LocalDate.ofEpochDay(range[1]),
                out);
        console.println(
                "start a job from them with --baselines "
                        + out
                        + " (run-pipeline, or the job's arguments when submitted)");
        console.flush();
        return 0;
    }
}
