package io.instflow.cli;

import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulatorConfig;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The simulated session of the embedded runs ({@code pipeline}, {@code shadow}), as a picocli
 * mixin.
 */
final class SimulationOptions {

    @Option(
            names = "--days",
            defaultValue = "3",
            description =
                    "Simulated trading days with labelled episodes (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--warmup-days",
            defaultValue = "18",
            description =
                    "Simulated days before them without episodes; 18 give the production profile's 20-day "
                            + "baselines the data quality they need (default: ${DEFAULT-VALUE}).")
    int warmupDays;

    @Option(
            names = "--minutes",
            defaultValue = "30",
            description = "Simulated minutes per day (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(
            names = "--seed",
            defaultValue = "21",
            description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--drift-probability",
            defaultValue = "0.5",
            description =
                    "Chance that an institutional episode moves the future its way (default: ${DEFAULT-VALUE}).")
    double driftProbability;

    @Option(
            names = "--mix",
            defaultValue = "classic",
            description =
                    "Episode kinds: classic (institutional, straddle, spoof) or hard (adds strangles,"
                            + " verticals, blocks, bursts) (default: ${DEFAULT-VALUE}).")
    String mix;

    String describe() {
        return String.format(
                Locale.ROOT,
                "%d warm-up and %d labelled days of %d minutes (seed %d, drift probability %.2f, %s mix)",
                warmupDays,
                days,
                minutes,
                seed,
                driftProbability,
                mix);
    }

    /** Simulates the session into {@code dir}. */
    PipelineInput simulate(Path dir) {
        return PipelineInput.simulated(
                new MarketSimulator(
                                SimulatorConfig.builder(dir)
                                        .warmupDays(warmupDays)
                                        .days(days)
                                        .minutes(minutes)
                                        .seed(seed)
                                        .driftProbability(driftProbability)
                                        .mix(SimulatorConfig.Mix.parse(mix))
                                        .build())
                        .run(line -> {}),
                "simulated, " + describe());
    }
}
