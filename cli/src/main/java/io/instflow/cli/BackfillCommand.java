package io.instflow.cli;

import io.instflow.databento.ApiKey;
import io.instflow.databento.HistoricalClient;
import io.instflow.ifd.PipelineConfig;
import io.instflow.ifd.io.BaselineSeedFile;
import io.instflow.ifd.logic.BaselineSeed;
import io.instflow.ifd.logic.DetectorParams;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code instflow backfill}: baselines from historical data ({@link Backfill}), so that a live run
 * or a new deployment does not start from nothing.
 */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description =
                "Build the baselines a job starts from (--baselines) out of prior days' DBN files"
                        + " (--input) or Databento's historical trades (--start, --end; the key"
                        + " comes from DATABENTO_API_KEY or a .env file): each contract's daily"
                        + " aggregates and v3.1's pools by type, moneyness and days to expiry.")
final class BackfillCommand implements Callable<Integer> {

    /** The NQ futures and every NQ option root (databento.md section 5), as parent symbols. */
    static final String NQ_CHAIN =
            "NQ.FUT,NQ.OPT,QNE.OPT,QN1.OPT,QN2.OPT,QN3.OPT,QN4.OPT,"
                    + "Q1A.OPT,Q2A.OPT,Q3A.OPT,Q4A.OPT,Q5A.OPT,Q1B.OPT,Q2B.OPT,Q3B.OPT,Q4B.OPT,"
                    + "Q5B.OPT,Q1C.OPT,Q2C.OPT,Q3C.OPT,Q4C.OPT,Q5C.OPT,Q1D.OPT,Q2D.OPT,Q3D.OPT,"
                    + "Q4D.OPT,Q5D.OPT";

    @Option(
            names = "--input",
            arity = "1..*",
            paramLabel = "PATH",
            description =
                    "DBN files (MBO with the definitions), or directories of them: the prior"
                            + " trading days.")
    List<Path> input;

    @Option(
            names = "--start",
            description =
                    "Instead of --input, Databento's historical trades from this start: a date,"
                            + " an ISO datetime or ns since the epoch.")
    String start;

    @Option(names = "--end", description = "End (exclusive) of the historical range.")
    String end;

    @Option(
            names = "--symbols",
            split = ",",
            defaultValue = NQ_CHAIN,
            description =
                    "Symbols of the historical request, comma-separated (default: the NQ futures"
                            + " and every NQ option root).")
    List<String> symbols;

    @Option(
            names = "--stype-in",
            defaultValue = "parent",
            description = "Symbology of --symbols (default: ${DEFAULT-VALUE}).")
    String stypeIn;

    @Option(
            names = "--dataset",
            defaultValue = "GLBX.MDP3",
            description = "Dataset (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(
            names = "--base-url",
            defaultValue = HistoricalClient.DEFAULT_BASE_URL,
            description = "Historical API base URL (default: ${DEFAULT-VALUE}).")
    String baseUrl;

    @Mixin CacheCommand.Location cacheLocation;

    @Option(
            names = "--no-cache",
            description = "Fetch from the historical API even when the cache holds the answer.")
    boolean noCache;

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
        BackfillSource source = source(console);
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
                Locale.ROOT,
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

    /** DBN files, or the historical API; exactly one of the two. */
    private BackfillSource source(PrintWriter console) throws java.io.IOException {
        if ((input == null) == (start == null)) {
            throw new IllegalArgumentException(
                    "backfill: give either --input with DBN files or --start (and --end) for"
                            + " Databento's historical trades");
        }
        if (input != null) {
            return BackfillSource.files(PipelineInput.paths(input));
        }
        io.instflow.dbn.SType.fromApiName(stypeIn);
        return BackfillSource.historical(
                cacheLocation.client(HistoricalClient.create(baseUrl, ApiKey.require()), noCache),
                dataset,
                symbols,
                stypeIn,
                start,
                end,
                console);
    }
}
