package io.instflow.cli;

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
import io.instflow.strategies.StrategiesSection;

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
import java.util.List;
import java.util.Map;
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
                    "Detector profile: production (v3.1), testing (conservative gates with diagnostics.jsonl), conservative,"
                            + " exploratory, production-v3, exploratory-v31 (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--config",
            description = "Pipeline configuration JSON (default: the bundled one).")
    Path config;

    @Option(
            names = "--out",
            defaultValue = "out",
            description =
                    "Where signals.jsonl, rejections.jsonl, bars-5m.jsonl, strategy-trades.jsonl and summary.json go"
                            + " (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin WorkDir.Options workDirOptions;

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
        StrategiesSection.of(pipeline);
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
        if (params.diagnostics()) {
            VerdictLogFile.open(out.resolve("detector-debug.log"));
        }
        WorkDir workDir = workDirOptions.open("instflow-pipeline-");
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
            LocalRun.step(
                    console,
                    "Kafka at "
                            + kafka.bootstrapServers()
                            + " for the length of the run (instflow consume TOPIC --bootstrap "
                            + kafka.bootstrapServers()
                            + ")");
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
                        LocalRun.replay(kafka.bootstrapServers(), source, parallelism, console);
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
                                parallelism,
                                console);
                mboRecords = replay.mboRecords();
            }
            StrategyOutputs strategies =
                    StrategyOutputs.run(
                                    kafka.bootstrapServers(),
                                    pipeline,
                                    Map.of("", profile),
                                    parallelism,
                                    console)
                            .get("");
            PipelineOutputs outputs = PipelineOutputs.read(kafka.bootstrapServers(), "");
            outputs.write(out, params.diagnostics());
            strategies.write(out, "");
            Map<String, Object> summary =
                    PipelineSummary.of(
                            source,
                            profile,
                            mboRecords,
                            outputs,
                            params.coordinationStrikePoints(),
                            jobSeconds,
                            (System.nanoTime() - started) / 1e9,
                            out);
            summary.put("strategies", strategies.summary());
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(out.resolve("summary.json").toFile(), summary);
            PipelineSummary.print(console, summary);
            if (params.diagnostics()) {
                DiagnosticsSummary.lines(outputs.rejections()).forEach(console::println);
                console.println(
                        "  every candidate with each gate's value: "
                                + out.resolve("diagnostics.jsonl")
                                + "; the detector's verdicts: "
                                + out.resolve("detector-debug.log"));
            }
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

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting and runs the hook itself
        }
    }
}
