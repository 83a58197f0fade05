package io.instflow.cli;

import io.instflow.contract.Topic;
import io.instflow.ifd.PipelineConfig;
import io.instflow.ifd.logic.BaselineSeed;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.localkafka.LocalKafka;
import io.instflow.reports.EpisodeScore;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Detection quality of one or more profiles over many simulated sessions: each seed is simulated
 * once and run through the IFD job with every profile, and the signals are scored against the
 * labels, overall and per episode kind.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Score profiles against the simulator's labels over many seeds: precision, recall,"
                        + " and per episode kind how many were found (directional kinds) or drew a"
                        + " signal (decoys). Prints a table and writes evaluation.json.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(
            names = "--seeds",
            defaultValue = "101-110",
            description =
                    "Simulator seeds, as a list and ranges, e.g. 101-110 or 1,2,7 (default:"
                            + " ${DEFAULT-VALUE}; seeds 1 to 99 are the ones tuned on).")
    String seeds;

    @Option(
            names = "--profiles",
            split = ",",
            defaultValue = "production",
            description = "Profiles to score, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> profiles;

    @Option(
            names = "--config",
            description =
                    "Pipeline configuration JSON with the profiles (default: the bundled one).")
    Path config;

    @Option(
            names = "--mix",
            defaultValue = "hard",
            description = "Episode kinds, classic or hard (default: ${DEFAULT-VALUE}).")
    String mix;

    @Option(names = "--days", defaultValue = "3", description = "Labelled days per seed.")
    int days;

    @Option(
            names = "--warmup-days",
            defaultValue = "18",
            description = "Days of background before them (default: ${DEFAULT-VALUE}).")
    int warmupDays;

    @Option(
            names = "--backfill",
            description =
                    "Put the warm-up days through 'instflow backfill' and run the labelled days"
                            + " from its baselines, instead of one run over both.")
    boolean backfill;

    @Option(names = "--minutes", defaultValue = "30", description = "Minutes per day.")
    int minutes;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism.")
    int parallelism;

    @Option(
            names = "--out",
            defaultValue = "evaluation",
            description = "Where evaluation.json goes (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        PipelineConfig pipeline =
                config == null ? PipelineConfig.defaults() : PipelineConfig.load(config);
        List<Long> seedList = parseSeeds(seeds);
        Map<String, DetectorParams> params = new LinkedHashMap<>();
        for (String name : profiles) {
            params.put(name, pipeline.profile(name));
        }
        if (backfill && warmupDays == 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--backfill needs warm-up days to backfill from (--warmup-days)");
        }
        SimulatorConfig.Mix episodeMix = SimulatorConfig.Mix.parse(mix);
        PipelineOutputs.requireWritable(out);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        params.keySet().forEach(name -> tallies.put(name, new Tally()));
        try (WorkDir work = WorkDir.of(null, "instflow-evaluate-")) {
            Thread cleanUp = new Thread(work::close, "instflow-evaluate-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanUp);
            runSeeds(work.path(), seedList, params, pipeline, episodeMix, tallies, console);
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("seeds", seedList);
        report.put("mix", episodeMix.name().toLowerCase(Locale.ROOT));
        report.put(
                "session",
                Map.of(
                        "days",
                        days,
                        "warmup_days",
                        warmupDays,
                        "minutes",
                        minutes,
                        "warmup",
                        backfill ? "backfill" : "in the run"));
        Map<String, Object> byProfile = new LinkedHashMap<>();
        for (Map.Entry<String, Tally> t : tallies.entrySet()) {
            byProfile.put(t.getKey(), t.getValue().json(params.get(t.getKey())));
            t.getValue().print(console, t.getKey(), params.get(t.getKey()), seeds);
        }
        report.put("profiles", byProfile);
        Files.createDirectories(out);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("evaluation.json").toFile(), report);
        console.printf(Locale.ROOT, "written %s%n", out.resolve("evaluation.json"));
        console.flush();
        return 0;
    }

    /** Each seed simulated once and run through the job with every profile, into the tallies. */
    private void runSeeds(
            Path work,
            List<Long> seedList,
            Map<String, DetectorParams> params,
            PipelineConfig pipeline,
            SimulatorConfig.Mix episodeMix,
            Map<String, Tally> tallies,
            PrintWriter console)
            throws Exception {
        int run = 0;
        for (long seed : seedList) {
            SimulationResult session =
                    new MarketSimulator(
                                    SimulatorConfig.builder(work.resolve("seed-" + seed))
                                            .warmupDays(warmupDays)
                                            .days(days)
                                            .minutes(minutes)
                                            .seed(seed)
                                            .mix(episodeMix)
                                            .build())
                            .run(line -> {});
            BaselineSeed baselines = BaselineSeed.EMPTY;
            PipelineInput evaluated = PipelineInput.simulated(session, "seed " + seed);
            if (backfill && warmupDays > 0) {
                List<Path> files = evaluated.files();
                baselines =
                        Backfill.build(
                                work.resolve("backfill-" + seed),
                                BackfillSource.files(
                                        new PipelineInput(
                                                files.subList(0, 1 + warmupDays),
                                                null,
                                                warmupDays + " warm-up days of seed " + seed)),
                                pipeline,
                                longestLookback(params),
                                parallelism,
                                console);
                WorkDir.delete(work.resolve("backfill-" + seed));
                List<Path> labelled = new ArrayList<>(files.subList(0, 1));
                labelled.addAll(files.subList(1 + warmupDays, files.size()));
                evaluated = new PipelineInput(labelled, session.episodes(), "seed " + seed);
            }
            LocalKafka kafka = LocalKafka.in(work.resolve("kafka-" + seed), 0);
            Thread stopOnInterrupt = new Thread(kafka::stop, "instflow-evaluate-shutdown");
            Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
            try {
                kafka.start(Duration.ofSeconds(120));
                LocalRun.replay(kafka.bootstrapServers(), evaluated, parallelism);
                for (Map.Entry<String, DetectorParams> profile : params.entrySet()) {
                    run++;
                    console.printf(
                            Locale.ROOT,
                            "[%d/%d] seed %d, profile %s (%s)%n",
                            run,
                            seedList.size() * params.size(),
                            seed,
                            profile.getKey(),
                            profile.getValue().algorithm());
                    console.flush();
                    String prefix = profile.getKey() + ".";
                    LocalRun.createTopics(
                            kafka.bootstrapServers(), prefix, Topic.Set.IFD, parallelism);
                    LocalRun.runIfd(
                            LocalRun.ifdConfig(
                                            kafka.bootstrapServers(),
                                            prefix,
                                            profile.getValue(),
                                            pipeline,
                                            true)
                                    .withBaselines(baselines),
                            parallelism);
                    PipelineOutputs outputs =
                            PipelineOutputs.read(kafka.bootstrapServers(), prefix);
                    tallies.get(profile.getKey())
                            .add(outputs, session, profile.getValue().coordinationStrikePoints());
                }
            } finally {
                kafka.stop();
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            }
            // each seed's broker and session are done with: keep the disk to one seed's worth
            WorkDir.delete(work.resolve("kafka-" + seed));
            WorkDir.delete(work.resolve("seed-" + seed));
        }
    }

    /** The profile whose lookback is longest: a backfill pruned to it serves every profile. */
    private static DetectorParams longestLookback(Map<String, DetectorParams> params) {
        return params.values().stream()
                .max(Comparator.comparingInt(DetectorParams::lookbackDays))
                .orElseThrow();
    }

    /** Seeds from "101-110", "1,2,7" or a mix of both. */
    List<Long> parseSeeds(String text) {
        List<Long> list = new ArrayList<>();
        try {
            for (String part : text.split(",")) {
                String p = part.trim();
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    long from = Long.parseLong(p.substring(0, dash));
                    long to = Long.parseLong(p.substring(dash + 1));
                    if (to < from || to - from > 1000) {
                        throw new NumberFormatException("range " + p);
                    }
                    for (long s = from; s <= to; s++) {
                        list.add(s);
                    }
                } else {
                    list.add(Long.parseLong(p));
                }
            }
        } catch (NumberFormatException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--seeds must be seeds and ranges like 101-110 or 1,2,7, got '" + text + "'");
        }
        return list;
    }

    /** One profile's counts summed over the seeds. */
    private static final class Tally {
        long signals;
        long matched;
        long episodes;
        long detected;
        final Map<String, long[]> kinds = new TreeMap<>();
        final Map<String, Boolean> directional = new TreeMap<>();
        final Map<String, Map<String, Long>> gates = new TreeMap<>();

        void add(PipelineOutputs outputs, SimulationResult session, double strikePoints) {
            EpisodeScore score =
                    EpisodeScore.of(outputs.signals(), session.episodes(), strikePoints);
            signals += score.signals();
            matched += score.matchedSignals();
            episodes += score.episodes();
            detected += score.detectedEpisodes();
            for (EpisodeScore.KindScore k :
                    EpisodeScore.byKind(
                            outputs.signals(),
                            outputs.failed(),
                            session.episodes(),
                            strikePoints)) {
                long[] c = kinds.computeIfAbsent(k.kind(), x -> new long[3]);
                c[0] += k.episodes();
                c[1] += k.found();
                c[2] += k.signalled();
                directional.put(k.kind(), k.directional());
                k.missedGates()
                        .forEach(
                                (g, n) ->
                                        gates.computeIfAbsent(k.kind(), x -> new TreeMap<>())
                                                .merge(g, n, Long::sum));
            }
        }

        double precision() {
            return signals == 0 ? 0 : (double) matched / signals;
        }

        double recall() {
            return episodes == 0 ? 0 : (double) detected / episodes;
        }

        Map<String, Object> json(DetectorParams params) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("algorithm", params.algorithm());
            m.put("signals", signals);
            m.put("signals_matching_an_episode", matched);
            m.put("directional_episodes", episodes);
            m.put("detected_episodes", detected);
            m.put("precision", Math.round(precision() * 1000) / 1000.0);
            m.put("recall", Math.round(recall() * 1000) / 1000.0);
            Map<String, Object> byKind = new LinkedHashMap<>();
            kinds.forEach(
                    (kind, c) -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("directional", directional.get(kind));
                        row.put("episodes", c[0]);
                        if (directional.get(kind)) {
                            row.put("found", c[1]);
                            row.put("gates_rejecting_missed", gates.getOrDefault(kind, Map.of()));
                        } else {
                            row.put("drew_a_signal", c[2]);
                        }
                        byKind.put(kind, row);
                    });
            m.put("by_kind", byKind);
            return m;
        }

        void print(PrintWriter console, String name, DetectorParams params, String seeds) {
            console.printf(
                    Locale.ROOT,
                    "%n%s (%s) over seeds %s: %d signals, precision %.2f, recall %.2f (%d/%d"
                            + " directional episodes)%n",
                    name,
                    params.algorithm(),
                    seeds,
                    signals,
                    precision(),
                    recall(),
                    detected,
                    episodes);
            console.printf(Locale.ROOT, "  %-14s %8s %12s%n", "kind", "episodes", "result");
            kinds.forEach(
                    (kind, c) -> {
                        boolean positive = directional.get(kind);
                        console.printf(
                                Locale.ROOT,
                                "  %-14s %8d %12s%s%n",
                                kind,
                                c[0],
                                positive
                                        ? String.format(Locale.ROOT, "%d found", c[1])
                                        : String.format(Locale.ROOT, "%d signalled", c[2]),
                                positive && gates.containsKey(kind)
                                        ? "   missed ones failed " + gates.get(kind)
                                        : "");
                    });
            console.flush();
        }
    }
}
