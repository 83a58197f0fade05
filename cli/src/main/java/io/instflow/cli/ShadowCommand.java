package io.instflow.cli;

import io.instflow.avro.Comparison;
import io.instflow.avro.Signal;
import io.instflow.contract.Topic;
import io.instflow.contract.Topics;
import io.instflow.ifd.PipelineConfig;
import io.instflow.ifd.io.FlatJson;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ingest.FileReplay;
import io.instflow.localkafka.LocalKafka;
import io.instflow.reports.EpisodeScore;
import io.instflow.reports.ReportBuilder;
import io.instflow.reports.ReportData;
import io.instflow.shadow.ShadowConfig;
import io.instflow.shadow.ShadowJob;
import io.instflow.shadow.ShadowPipeline;
import io.instflow.shadow.logic.OutcomeParams;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code instflow shadow}: production and a shadow candidate side by side on one machine. Local
 * Kafka, a simulated session through the connector, the IFD job twice (production and shadow topic
 * prefixes, same input), then the comparison job, then the report.
 */
@Command(
        name = "shadow",
        mixinStandardHelpOptions = true,
        description =
                "Run production and a shadow profile side by side on simulated data, compare them against what the "
                        + "market did next, and write the report (what scripts/run-shadow runs).")
final class ShadowCommand implements Callable<Integer> {

    private static final String PRODUCTION_PREFIX = "prod.";
    private static final String SHADOW_PREFIX = "shadow.";

    @Option(
            names = "--shadow-profile",
            defaultValue = "exploratory",
            description = "Profile of the shadow candidate (default: ${DEFAULT-VALUE}).")
    String shadowProfile;

    @Option(
            names = "--shadow-config",
            description =
                    "Pipeline configuration JSON of the shadow (default: the production one).")
    Path shadowConfig;

    @Option(
            names = "--profile",
            defaultValue = "production",
            description = "Production profile (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--config",
            description = "Production pipeline configuration JSON (default: the bundled one).")
    Path config;

    @Mixin SimulationOptions simulation;

    @Option(
            names = "--out",
            defaultValue = "out-shadow",
            description = "Outputs and report (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin WorkDir.Options workDirOptions;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Mixin ReportCommand.PromotionOptions promotion;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        PipelineConfig productionPipeline =
                config == null ? PipelineConfig.defaults() : PipelineConfig.load(config);
        PipelineConfig shadowPipeline =
                shadowConfig == null ? productionPipeline : PipelineConfig.load(shadowConfig);
        DetectorParams production = productionPipeline.profile(profile);
        DetectorParams shadow = shadowPipeline.profile(shadowProfile);
        StrategiesSection.of(productionPipeline);
        String productionLabel = profile;
        String shadowLabel =
                shadowProfile.equals(profile)
                        ? shadowProfile + " (" + shadowConfig.getFileName() + ")"
                        : shadowProfile;
        PipelineOutputs.requireWritable(out);
        WorkDir workDir = workDirOptions.open("instflow-shadow-");
        Path work = workDir.path();
        long started = System.nanoTime();
        LocalKafka kafka = LocalKafka.in(work.resolve("kafka"), 0);
        Thread stopOnInterrupt =
                new Thread(
                        () -> {
                            kafka.stop();
                            workDir.close();
                        },
                        "instflow-shadow-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        try {
            LocalRun.step(console, "starting a local Kafka broker in " + work.resolve("kafka"));
            kafka.start(Duration.ofSeconds(120));
            String bootstrap = kafka.bootstrapServers();
            LocalRun.step(console, "simulating " + simulation.describe());
            PipelineInput input = simulation.simulate(work.resolve("session"));
            LocalRun.step(console, "replaying it into Kafka");
            FileReplay.Result replay = LocalRun.replay(bootstrap, input, parallelism, console);
            LocalRun.createTopics(bootstrap, PRODUCTION_PREFIX, Topic.Set.IFD, parallelism);
            LocalRun.createTopics(bootstrap, SHADOW_PREFIX, Topic.Set.IFD, parallelism);
            LocalRun.createTopics(bootstrap, "", Topic.Set.COMPARISON, parallelism);
            LocalRun.step(
                    console,
                    "production IFD job ("
                            + productionLabel
                            + ", topics "
                            + PRODUCTION_PREFIX
                            + "*)");
            LocalRun.runIfd(
                    LocalRun.ifdConfig(
                            bootstrap, PRODUCTION_PREFIX, production, productionPipeline, true),
                    parallelism,
                    console);
            LocalRun.step(
                    console, "shadow IFD job (" + shadowLabel + ", topics " + SHADOW_PREFIX + "*)");
            LocalRun.runIfd(
                    LocalRun.ifdConfig(bootstrap, SHADOW_PREFIX, shadow, shadowPipeline, true),
                    parallelism,
                    console);
            LocalRun.step(
                    console,
                    "comparison job (production vs shadow, outcomes at +5, +15, +30 minutes)");
            ShadowConfig compare =
                    new ShadowConfig(
                            bootstrap,
                            PRODUCTION_PREFIX,
                            SHADOW_PREFIX,
                            "",
                            productionLabel,
                            shadowLabel,
                            production.coordinationStrikePoints(),
                            OutcomeParams.defaults(),
                            productionPipeline.outOfOrdernessMs(),
                            productionPipeline.idleMs(),
                            productionPipeline.checkpointIntervalMs(),
                            true,
                            true);
            LocalRun.runBounded(
                    parallelism,
                    ShadowJob.environment(compare),
                    env -> ShadowPipeline.wire(env, compare),
                    compare.deployment().name());

            Map<String, String> sides = new LinkedHashMap<>();
            sides.put(PRODUCTION_PREFIX, productionLabel);
            sides.put(SHADOW_PREFIX, shadowLabel);
            Map<String, StrategyOutputs> strategies =
                    StrategyOutputs.run(bootstrap, productionPipeline, sides, parallelism, console);
            PipelineOutputs outputs = PipelineOutputs.read(bootstrap, PRODUCTION_PREFIX);
            outputs.write(out, production.diagnostics());
            StrategyOutputs productionStrategies = strategies.get(PRODUCTION_PREFIX);
            productionStrategies.write(out, "");
            StrategyOutputs shadowStrategies = strategies.get(SHADOW_PREFIX);
            shadowStrategies.write(out, "shadow-");
            List<Signal> shadowSignals =
                    new ArrayList<>(
                            LocalRun.read(
                                    bootstrap, new Topics(SHADOW_PREFIX).signals(), Signal.class));
            shadowSignals.sort(Comparator.comparingLong(s -> s.getMetrics().getWindowStart()));
            PipelineOutputs.lines(
                    out.resolve("shadow-signals.jsonl"), shadowSignals, FlatJson::line);
            List<Comparison> comparisons =
                    LocalRun.read(bootstrap, Topics.unprefixed().comparison(), Comparison.class);
            PipelineOutputs.lines(out.resolve("comparisons.jsonl"), comparisons, FlatJson::line);
            Map<String, Object> summary =
                    summary(
                            input,
                            replay,
                            outputs,
                            shadowSignals,
                            comparisons,
                            production.coordinationStrikePoints(),
                            (System.nanoTime() - started) / 1e9);
            summary.put("production_strategies", productionStrategies.summary());
            summary.put("shadow_strategies", shadowStrategies.summary());
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(out.resolve("summary.json").toFile(), summary);
            LocalRun.step(console, "writing the report");
            ReportBuilder.Result report =
                    new ReportBuilder(ReportData.fromDirectory(out), promotion.rule())
                            .write(out.resolve("report"), null);
            console.println();
            console.println("== instflow shadow summary ==");
            summary.entrySet().stream()
                    .filter(e -> !e.getKey().endsWith("_strategies"))
                    .forEach(
                            e ->
                                    console.printf(
                                            Locale.ROOT, "%-28s %s%n", e.getKey(), e.getValue()));
            console.println("on production's signals:");
            StrategyOutputs.print(console, productionStrategies.summary());
            console.println("on the shadow's signals:");
            StrategyOutputs.print(console, shadowStrategies.summary());
            ReportCommand.print(console, report);
        } finally {
            kafka.stop();
            workDir.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting and runs the hook itself
            }
        }
        return 0;
    }

    private Map<String, Object> summary(
            PipelineInput input,
            FileReplay.Result replay,
            PipelineOutputs outputs,
            List<Signal> shadowSignals,
            List<Comparison> comparisons,
            double strikePoints,
            double seconds) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("input", input.description());
        s.put("mbo_records", replay.mboRecords());
        s.put("production_signals", outputs.signals().size());
        s.put("shadow_signals", shadowSignals.size());
        Map<String, Long> kinds = new TreeMap<>();
        comparisons.forEach(c -> kinds.merge(c.getKind().name(), 1L, Long::sum));
        s.put("comparison_rows", kinds);
        EpisodeScore p = EpisodeScore.of(outputs.signals(), input.labels(), strikePoints);
        EpisodeScore sh = EpisodeScore.of(shadowSignals, input.labels(), strikePoints);
        Map<String, Object> quality = new LinkedHashMap<>();
        quality.put("directional_episodes", p.episodes());
        quality.put("detected_episodes", p.detectedEpisodes());
        quality.put("precision", Math.round(p.precision() * 1000) / 1000.0);
        quality.put("recall", Math.round(p.recall() * 1000) / 1000.0);
        quality.put("shadow_precision", Math.round(sh.precision() * 1000) / 1000.0);
        quality.put("shadow_recall", Math.round(sh.recall() * 1000) / 1000.0);
        s.put("detection_quality", quality);
        s.put("total_seconds", Math.round(seconds * 10) / 10.0);
        return s;
    }
}
