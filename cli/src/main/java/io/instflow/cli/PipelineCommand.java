package io.instflow.cli;

import io.instflow.avro.PressureMetrics;
import io.instflow.dashboard.Dashboard;
import io.instflow.databento.ApiKey;
import io.instflow.databento.LiveClientConfig;
import io.instflow.databento.ReconnectPolicy;
import io.instflow.databento.Subscription;
import io.instflow.ifd.PipelineConfig;
import io.instflow.ifd.io.BaselineSeedFile;
import io.instflow.ifd.logic.BaselineSeed;
import io.instflow.ingest.FileReplay;
import io.instflow.localkafka.LocalKafka;
import io.instflow.reports.EpisodeScore;
import io.instflow.simulator.Episode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code instflow pipeline}: the whole product on one machine. Starts a local Kafka, simulates a
 * multi-day NQ session (or takes DBN files), replays it through the connector, runs the IFD job on
 * an embedded Flink cluster until the input is consumed, writes the outputs as JSON lines and
 * prints what it found, against the simulator's labels when there are some. Its length (about 400
 * lines) is its options and the run's phases in order, each phase a few calls into the library
 * modules.
 */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description =
                "Run the whole pipeline locally on simulated data (or DBN files) and print a summary "
                        + "(what scripts/run-pipeline runs).")
final class PipelineCommand implements Callable<Integer> {

    @Option(
            names = "--input",
            paramLabel = "DIR",
            description =
                    "Replay these DBN files (simulator output or Databento files) instead of simulating.")
    Path input;

    @Mixin SimulationOptions simulation;

    @Option(
            names = "--profile",
            defaultValue = "production",
            description =
                    "Detector profile: production (v3.1), testing, conservative, production-v3, testing-v31 (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--config",
            description = "Pipeline configuration JSON (default: the bundled one).")
    Path config;

    @Option(
            names = "--out",
            defaultValue = "out",
            description =
                    "Where signals.jsonl, rejections.jsonl, bars-5m.jsonl and summary.json go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--dir",
            description =
                    "Working directory for Kafka's data and the simulation, kept after the run (default: a temporary one, deleted at the end).")
    Path dir;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--live",
            description =
                    "Stream Databento's live gateway (key from DATABENTO_API_KEY or a .env file) instead of replaying"
                            + " files, until --duration passes or Ctrl-C; then drain the job and write the outputs.")
    boolean live;

    @Option(
            names = "--symbols",
            split = ",",
            defaultValue = "NQ.FUT,NQ.OPT",
            paramLabel = "SYMBOL",
            description =
                    "With --live: parent symbols to subscribe, MBO and definitions (default: ${DEFAULT-VALUE}).")
    List<String> liveSymbols;

    @Option(
            names = "--duration",
            paramLabel = "MINUTES",
            description = "With --live: stop after this many minutes (default: run until Ctrl-C).")
    Double durationMinutes;

    @Option(
            names = "--gateway",
            paramLabel = "HOST:PORT",
            description = "With --live: the gateway (default: Databento's).")
    String gateway;

    @Option(
            names = "--env-file",
            paramLabel = "FILE",
            description =
                    "With --live: read DATABENTO_API_KEY from this file (default: the environment, ./.env, ~/.env).")
    Path envFile;

    @Option(
            names = "--baselines",
            paramLabel = "FILE",
            description =
                    "Start the detector from these baselines ('instflow backfill') instead of"
                            + " from nothing.")
    Path baselines;

    @Option(
            names = "--dashboard",
            description =
                    "Serve the live dashboard on the run's topics, print its URL, and keep it (and the broker) up"
                            + " after the run until Ctrl-C.")
    boolean dashboard;

    @Option(
            names = "--dashboard-port",
            defaultValue = "8050",
            description = "Dashboard HTTP port (default: ${DEFAULT-VALUE}).")
    int dashboardPort;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        PipelineConfig pipeline =
                config == null ? PipelineConfig.defaults() : PipelineConfig.load(config);
        var params = pipeline.profile(profile);
        BaselineSeed seed =
                baselines == null ? BaselineSeed.EMPTY : BaselineSeedFile.read(baselines);
        seed.requireWindowMinutes(pipeline.windowMinutes());
        if (live && input != null) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "--live and --input exclude each other: stream live data or replay files");
        }
        LiveClientConfig liveConfig = live ? liveConfig() : null;
        PipelineInput source = input == null ? null : PipelineInput.directory(input);
        PipelineOutputs.requireWritable(out);
        WorkDir workDir = WorkDir.of(dir, "instflow-pipeline-");
        Path work = workDir.path();
        long started = System.nanoTime();
        LocalRun.step(console, "starting a local Kafka broker in " + work.resolve("kafka"));
        LocalKafka kafka = LocalKafka.in(work.resolve("kafka"), 0);
        CountDownLatch stopLive = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopOnInterrupt =
                new Thread(
                        () -> {
                            if (live) {
                                stopLive.countDown();
                                awaitQuietly(finished, Duration.ofMinutes(3));
                            }
                            kafka.stop();
                            workDir.close();
                        },
                        "instflow-pipeline-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        Dashboard board = null;
        try {
            kafka.start(Duration.ofSeconds(120));
            if (dashboard) {
                board =
                        Dashboard.start(
                                Dashboard.Options.defaults(kafka.bootstrapServers())
                                        .withPort(dashboardPort));
                LocalRun.step(console, "dashboard at " + board.url());
            }
            long mboRecords;
            double jobSeconds;
            String streamFailure = null;
            if (live) {
                source = PipelineInput.live(liveSymbols);
                LocalRun.createTopics(
                        kafka.bootstrapServers(),
                        "",
                        io.instflow.contract.Topic.Set.IFD,
                        parallelism);
                LocalRun.step(
                        console,
                        "streaming "
                                + source.description()
                                + " into Kafka and running the IFD job (profile "
                                + profile
                                + ") on an embedded Flink cluster"
                                + (durationMinutes == null
                                        ? "; Ctrl-C stops"
                                        : " for " + durationMinutes + " min"));
                LiveRun.Result result =
                        LiveRun.run(
                                kafka.bootstrapServers(),
                                liveConfig,
                                LocalRun.ifdConfig(
                                                kafka.bootstrapServers(),
                                                "",
                                                params,
                                                pipeline,
                                                false)
                                        .withBaselines(seed),
                                parallelism,
                                durationMinutes == null
                                        ? null
                                        : Duration.ofMillis(Math.round(durationMinutes * 60_000)),
                                stopLive,
                                work,
                                console);
                mboRecords = result.mboRecords();
                jobSeconds = result.seconds();
                streamFailure = result.failure();
            } else {
                if (source == null) {
                    LocalRun.step(console, "simulating " + simulation.describe());
                    source = simulation.simulate(work.resolve("session"));
                }
                LocalRun.step(console, "replaying " + source.description() + " into Kafka");
                FileReplay.Result replay =
                        LocalRun.replay(kafka.bootstrapServers(), source, parallelism);
                LocalRun.createTopics(
                        kafka.bootstrapServers(),
                        "",
                        io.instflow.contract.Topic.Set.IFD,
                        parallelism);
                LocalRun.step(
                        console,
                        "running the IFD job (profile "
                                + profile
                                + ") on an embedded Flink cluster");
                jobSeconds =
                        LocalRun.runIfd(
                                LocalRun.ifdConfig(
                                                kafka.bootstrapServers(),
                                                "",
                                                params,
                                                pipeline,
                                                true)
                                        .withBaselines(seed),
                                parallelism);
                mboRecords = replay.mboRecords();
            }
            PipelineOutputs outputs = PipelineOutputs.read(kafka.bootstrapServers(), "");
            outputs.write(out);
            Map<String, Object> summary =
                    summary(
                            source,
                            mboRecords,
                            outputs,
                            params.coordinationStrikePoints(),
                            jobSeconds,
                            (System.nanoTime() - started) / 1e9);
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(out.resolve("summary.json").toFile(), summary);
            print(console, summary);
            if (streamFailure != null) {
                spec.commandLine()
                        .getErr()
                        .println(
                                "error: the live stream failed (outputs above are what it"
                                        + " published until then): "
                                        + streamFailure);
                return InstflowCommand.EXIT_IO;
            }
            if (board != null) {
                console.println(
                        "Dashboard at "
                                + board.url()
                                + " shows this run's bars, signals, ladder and health;"
                                + " Ctrl-C stops it and the broker.");
                console.flush();
                new java.util.concurrent.CountDownLatch(1).await();
            }
        } finally {
            finished.countDown();
            if (board != null) {
                board.close();
            }
            kafka.stop();
            workDir.close();
            removeHook(stopOnInterrupt);
        }
        return 0;
    }

    private Map<String, Object> summary(
            PipelineInput source,
            long mboRecords,
            PipelineOutputs outputs,
            double strikePoints,
            double jobSeconds,
            double totalSeconds) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("input", source.description());
        s.put("profile", profile);
        s.put("mbo_records", mboRecords);
        s.put("pressure_windows", outputs.windows().size());
        s.put("bars_1m", outputs.bars1m().size());
        s.put("bars_5m", outputs.bars5m().size());
        s.put("signals", outputs.signals().size());
        Map<String, Long> byTier = new TreeMap<>();
        outputs.signals()
                .forEach(x -> byTier.merge(x.getTier() + " " + x.getDirection(), 1L, Long::sum));
        s.put("signals_by_tier_and_direction", byTier);
        s.put(
                "degraded_signals",
                outputs.signals().stream().filter(x -> x.getMetrics().getDegraded()).count());
        s.put(
                "degraded_pressure_windows",
                outputs.windows().stream().filter(PressureMetrics::getDegraded).count());
        s.put("rejections", outputs.failed().size());
        Map<String, Long> gates = new TreeMap<>();
        outputs.failed()
                .forEach(r -> r.getFailedGates().forEach(g -> gates.merge(g, 1L, Long::sum)));
        s.put("rejections_by_gate", gates);
        s.put("job_seconds", Math.round(jobSeconds * 10) / 10.0);
        s.put("job_mbo_records_per_second", Math.round(mboRecords / jobSeconds));
        if (source.labelled()) {
            EpisodeScore score = EpisodeScore.of(outputs.signals(), source.labels(), strikePoints);
            Map<String, Object> quality = new LinkedHashMap<>();
            quality.put("directional_episodes", score.episodes());
            quality.put("detected_episodes", score.detectedEpisodes());
            quality.put("signals_matching_an_episode", score.matchedSignals());
            quality.put("precision", Math.round(score.precision() * 1000) / 1000.0);
            quality.put("recall", Math.round(score.recall() * 1000) / 1000.0);
            quality.put("straddle_episodes", count(source.labels(), Episode.STRADDLE));
            quality.put(
                    "straddles_rejected_as_market_making_or_multi_leg",
                    EpisodeScore.rejectedFor(
                            outputs.failed(),
                            source.labels(),
                            Episode.STRADDLE,
                            Set.of("market_making", "multi_leg:straddle")));
            quality.put("spoof_episodes", count(source.labels(), Episode.SPOOF));
            quality.put(
                    "spoofs_rejected_as_spoofing",
                    EpisodeScore.rejectedFor(
                            outputs.failed(), source.labels(), Episode.SPOOF, Set.of("spoofing")));
            Map<String, Object> kinds = new LinkedHashMap<>();
            for (EpisodeScore.KindScore k :
                    EpisodeScore.byKind(
                            outputs.signals(), outputs.failed(), source.labels(), strikePoints)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("directional", k.directional());
                row.put("episodes", k.episodes());
                if (k.directional()) {
                    row.put("found", k.found());
                    row.put("missed", k.episodes() - k.found());
                    row.put("gates_rejecting_missed", k.missedGates());
                } else {
                    row.put("drew_a_signal", k.signalled());
                }
                kinds.put(k.kind(), row);
            }
            quality.put("by_kind", kinds);
            s.put("detection_quality", quality);
        }
        s.put("total_seconds", Math.round(totalSeconds * 10) / 10.0);
        s.put("outputs", out.toAbsolutePath().toString());
        return s;
    }

    @SuppressWarnings("unchecked")
    private static void print(PrintWriter console, Map<String, Object> s) {
        console.println();
        console.println("== instflow pipeline summary ==");
        console.printf("input                %s%n", s.get("input"));
        console.printf("MBO records          %,d%n", (Long) s.get("mbo_records"));
        console.printf("pressure windows     %,d%n", (Integer) s.get("pressure_windows"));
        console.printf(
                "futures bars         %,d one-minute, %,d five-minute%n",
                (Integer) s.get("bars_1m"), (Integer) s.get("bars_5m"));
        console.printf(
                "signals              %,d  %s%n",
                (Integer) s.get("signals"), s.get("signals_by_tier_and_direction"));
        if ((Long) s.get("degraded_pressure_windows") > 0) {
            console.printf(
                    "degraded             %,d signals and %,d windows from the Barchart backup: delayed snapshots, "
                            + "buy/sell split estimated%n",
                    (Long) s.get("degraded_signals"), (Long) s.get("degraded_pressure_windows"));
        }
        console.printf(
                "rejections           %,d candidates; failed gates %s%n",
                (Integer) s.get("rejections"), s.get("rejections_by_gate"));
        console.printf(
                "job throughput       %,d MBO records/s (%.1f s, including start-up)%n",
                (Long) s.get("job_mbo_records_per_second"), (Double) s.get("job_seconds"));
        Map<String, Object> q = (Map<String, Object>) s.get("detection_quality");
        if (q == null) {
            console.println("detection quality    not measured: the input has no labels.json");
        } else {
            console.printf(
                    "episodes             %d directional, %d detected; %d/%d straddles rejected as market making or multi-leg, "
                            + "%d/%d spoofs as spoofing%n",
                    q.get("directional_episodes"),
                    q.get("detected_episodes"),
                    q.get("straddles_rejected_as_market_making_or_multi_leg"),
                    q.get("straddle_episodes"),
                    q.get("spoofs_rejected_as_spoofing"),
                    q.get("spoof_episodes"));
            console.printf(
                    "precision / recall   %.2f / %.2f  (against the simulator's labels)%n",
                    q.get("precision"), q.get("recall"));
            Map<String, Map<String, Object>> kinds =
                    (Map<String, Map<String, Object>>) q.get("by_kind");
            for (Map.Entry<String, Map<String, Object>> k : kinds.entrySet()) {
                Map<String, Object> row = k.getValue();
                if ((Boolean) row.get("directional")) {
                    console.printf(
                            "  %-18s %d/%d found; gates on the missed: %s%n",
                            k.getKey(),
                            row.get("found"),
                            row.get("episodes"),
                            row.get("gates_rejecting_missed"));
                } else {
                    console.printf(
                            "  %-18s %d/%d drew a signal (decoy)%n",
                            k.getKey(), row.get("drew_a_signal"), row.get("episodes"));
                }
            }
        }
        console.printf(
                "outputs              %s/{signals,rejections,pressure,bars-5m}.jsonl, summary.json%n",
                s.get("outputs"));
        console.printf("total time           %.1f s%n", (Double) s.get("total_seconds"));
        console.flush();
    }

    private LiveClientConfig liveConfig() {
        List<Path> envFiles =
                envFile != null
                        ? List.of(envFile)
                        : List.of(
                                Path.of(".env"), Path.of(System.getProperty("user.home"), ".env"));
        ApiKey key =
                ApiKey.find(System.getenv(), envFiles)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "--live needs a Databento API key: set "
                                                        + ApiKey.VARIABLE
                                                        + " in the environment or in "
                                                        + (envFile != null
                                                                ? envFile
                                                                : "a .env file (current directory or home)")));
        LiveClientConfig.Builder config = LiveClientConfig.builder(key);
        if (gateway != null) {
            int colon = gateway.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("--gateway must be HOST:PORT, got " + gateway);
            }
            config.gateway(
                    gateway.substring(0, colon), Integer.parseInt(gateway.substring(colon + 1)));
        }
        for (String schema : List.of("definition", "mbo")) {
            config.subscribe(new Subscription(schema, "parent", liveSymbols, false, null));
        }
        // an interactive run gives up after five failed attempts in a row (about 15 s), where the
        // connector service keeps trying
        config.reconnect(new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 0.2, 5));
        return config.build();
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long count(List<Episode> labels, String kind) {
        return labels.stream().filter(e -> e.kind().equals(kind)).count();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting and runs the hook itself
        }
    }
}
