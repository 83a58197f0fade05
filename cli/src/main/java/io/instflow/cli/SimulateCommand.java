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
import java.util.Locale;
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
            description =
                    "Minutes per day from the session's start (default: the session's length, 60"
                            + " for rth, 1380 for globex).")
    Integer minutes;

    @Option(
            names = "--session",
            defaultValue = "rth",
            description =
                    "rth: regular hours from 14:30 UTC; globex: CME's 23-hour session from 17:00"
                            + " Chicago the evening before, quiet overnight and busiest in the cash"
                            + " session (default: ${DEFAULT-VALUE}).")
    String session;

    @Option(
            names = "--universe",
            defaultValue = "small",
            description =
                    "small: the front future's quarterly and weekly options, a few strikes each;"
                            + " full: every NQ options series a real date lists (quarterlies on"
                            + " four futures, serial months, QNE month-ends, weeklies, dailies),"
                            + " strikes every 25 to 100 points across 3 to 15 %% of the money"
                            + " (default: ${DEFAULT-VALUE}).")
    String universe;

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
            description =
                    "NQ futures contracts of the small universe, 1 or 2 (the full one lists four)"
                            + " (default: ${DEFAULT-VALUE}).")
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
            SimulatorConfig.Builder builder =
                    SimulatorConfig.builder(out)
                            .session(SimulatorConfig.Session.parse(session))
                            .universe(SimulatorConfig.Universe.parse(universe));
            if (minutes != null) {
                builder.minutes(minutes);
            }
            config =
                    builder.warmupDays(warmupDays)
                            .days(days)
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
                Locale.ROOT,
                "wrote %d days, %,d MBO records, %d episodes in %.1f s (%,.0f records/s)%n",
                result.days().size(),
                result.records(),
                result.episodes().size(),
                seconds,
                result.records() / seconds);
        out.printf(
                Locale.ROOT,
                "market: %,d instruments listed at most on a day, %,d MBO records a day on"
                        + " average, %,d in the busiest second%n",
                result.days().stream().mapToInt(SimulationResult.Day::instruments).max().orElse(0),
                result.records() / result.days().size(),
                result.days().stream()
                        .mapToLong(SimulationResult.Day::peakRecordsPerSecond)
                        .max()
                        .orElse(0));
        out.printf(
                Locale.ROOT,
                "definitions %s%nlabels      %s%n",
                result.definitions(),
                result.labels());
        out.flush();
        return 0;
    }
}
