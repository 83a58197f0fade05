package io.instflow.cli;

import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/**
 * {@code instflow simulate}: synthetic NQ futures and options sessions as DBN, with labelled
 * episodes.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description =
                "Write simulated GLBX.MDP3 NQ futures and options sessions as DBN files with ground-truth"
                        + " labels: DIR/definitions.dbn.zst, DIR/mbo-YYYYMMDD.dbn.zst per day, DIR/labels.json.")
final class SimulateCommand implements Callable<Integer> {

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Output directory (created when missing).")
    Path out;

    @Option(
            names = "--days",
            defaultValue = "1",
            description = "Trading days with episodes (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--warmup-days",
            defaultValue = "0",
            description =
                    "Days of background trading only before them, for detector baselines (default: ${DEFAULT-VALUE}).")
    int warmupDays;

    @Option(
            names = "--minutes",
            defaultValue = "60",
            description = "Minutes per day (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Random seed; same seed, same bytes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--start",
            paramLabel = "DATE",
            defaultValue = "2026-11-02",
            description = "First trading day, YYYY-MM-DD (default: ${DEFAULT-VALUE}).")
    LocalDate start;

    @Option(
            names = "--episodes-per-day",
            defaultValue = "4",
            description =
                    "Labelled episodes per day, of the kinds --mix cycles through (default: ${DEFAULT-VALUE}).")
    int episodesPerDay;

    @Option(
            names = "--mix",
            defaultValue = "classic",
            description =
                    "Episode kinds: classic (institutional, straddle, spoof) or hard (adds strangles,"
                            + " verticals, blocks followed by thinner flow, bursts inside one window)"
                            + " (default: ${DEFAULT-VALUE}).")
    String mix;

    @Option(
            names = "--profile",
            defaultValue = "normal",
            description = "quiet, normal or busy (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--futures",
            defaultValue = "1",
            description = "NQ futures contracts, 1 or 2 (default: ${DEFAULT-VALUE}).")
    int futures;

    @Option(
            names = "--drift-probability",
            defaultValue = "0.5",
            description =
                    "Chance that an institutional episode is followed by a futures move in its direction"
                            + " (default: ${DEFAULT-VALUE}).")
    double driftProbability;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        SimulatorConfig config;
        try {
            config =
                    SimulatorConfig.builder(out)
                            .warmupDays(warmupDays)
                            .days(days)
                            .minutes(minutes)
                            .seed(seed)
                            .start(start)
                            .episodesPerDay(episodesPerDay)
                            .profile(SimulatorConfig.Profile.parse(profile))
                            .futures(futures)
                            .driftProbability(driftProbability)
                            .mix(SimulatorConfig.Mix.parse(mix))
                            .build();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        SimulationResult result =
                new MarketSimulator(config)
                        .run(
                                line -> {
                                    err.println(line);
                                    err.flush();
                                });
        double seconds = (System.nanoTime() - started) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "wrote %d days, %,d MBO records, %d episodes in %.1f s (%,.0f records/s)%n",
                result.days().size(),
                result.records(),
                result.episodes().size(),
                seconds,
                result.records() / seconds);
        out.printf("definitions %s%nlabels      %s%n", result.definitions(), result.labels());
        out.flush();
        return 0;
    }
}
