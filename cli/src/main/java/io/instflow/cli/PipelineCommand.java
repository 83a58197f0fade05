package io.instflow.cli;

import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.ifd.IfdConfig;
import io.instflow.ifd.IfdJob;
import io.instflow.ifd.IfdPipeline;
import io.instflow.ifd.PipelineConfig;
import io.instflow.ingest.FileReplay;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.ingest.TopicAdmin;
import io.instflow.ingest.TopicScan;
import io.instflow.ingest.Topics;
import io.instflow.localkafka.LocalKafka;
import io.instflow.schemas.AvroSerde;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code instflow pipeline}: the whole product on one machine. Starts a local Kafka, simulates a
 * multi-day NQ session, replays it through the connector, runs the IFD job on an embedded Flink
 * cluster until the input is consumed, and prints what it found against the simulator's labels.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline locally on simulated data and print a summary (what scripts/run-pipeline runs).")
final class PipelineCommand implements Callable<Integer> {

    @Option(names = "--days", defaultValue = "3", description = "Simulated trading days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--minutes", defaultValue = "60", description = "Minutes per day (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--seed", defaultValue = "21", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--profile", defaultValue = "testing",
            description = "Detector profile: production, testing, conservative (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--config", description = "Pipeline configuration JSON (default: the bundled one).")
    Path config;

    @Option(names = "--dir", description = "Working directory (default: a new temporary one).")
    Path dir;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PipelineConfig pipeline = config == null ? PipelineConfig.defaults() : PipelineConfig.load(config);
        var params = pipeline.profile(profile);
        Path work = dir != null ? dir : Files.createTempDirectory("instflow-pipeline-");
        long started = System.nanoTime();
        step(out, "starting a local Kafka broker in " + work.resolve("kafka"));
        LocalKafka kafka = LocalKafka.in(work.resolve("kafka"), 0).start(Duration.ofSeconds(120));
        try {
            step(out, String.format("simulating %d days of %d minutes (seed %d)", days, minutes, seed));
            SimulationResult session = new MarketSimulator(SimulatorConfig.builder(work.resolve("session")).days(days)
                    .minutes(minutes).seed(seed).build()).run(line -> { });
            Topics input = new Topics("");
            TopicAdmin.ensure(kafka.bootstrapServers(), input, parallelism);
            createOutputTopics(kafka.bootstrapServers(), parallelism);
            List<Path> files = new ArrayList<>();
            files.add(session.definitions());
            session.days().forEach(d -> files.add(d.file()));
            step(out, String.format("replaying %,d MBO records into Kafka", session.records()));
            try (KafkaPublisher publisher = new KafkaPublisher(kafka.bootstrapServers(), input, "GLBX.MDP3", KafkaPublisher.BULK)) {
                new FileReplay(files, 0, FileReplay.Progress.NONE).run(publisher);
            }
            IfdConfig job = new IfdConfig(kafka.bootstrapServers(), "", "", params, pipeline.windowMinutes(),
                    pipeline.outOfOrdernessMs(), pipeline.idleMs(), pipeline.checkpointIntervalMs(), true, true);
            step(out, "running the IFD job (profile " + profile + ") on an embedded Flink cluster");
            long jobStart = System.nanoTime();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism,
                    IfdJob.environment(job));
            IfdPipeline.wire(env, job);
            env.execute(job.deployment());
            double jobSeconds = (System.nanoTime() - jobStart) / 1e9;
            report(out, kafka.bootstrapServers(), session, params.coordinationStrikePoints(), jobSeconds,
                    (System.nanoTime() - started) / 1e9);
        } finally {
            kafka.stop();
        }
        return 0;
    }

    private void report(PrintWriter out, String bootstrap, SimulationResult session, double strikePoints, double jobSeconds,
            double totalSeconds) {
        List<Signal> signals = read(bootstrap, "ifd.signals", Signal.class);
        List<Rejection> rejections = read(bootstrap, "ifd.rejections", Rejection.class);
        List<PressureMetrics> windows = read(bootstrap, "ifd.pressure", PressureMetrics.class);
        List<io.instflow.avro.Bar> bars = read(bootstrap, "bars.1m", io.instflow.avro.Bar.class);
        Map<String, Long> byTier = new TreeMap<>();
        signals.forEach(s -> byTier.merge(s.getTier() + " " + s.getDirection(), 1L, Long::sum));
        Map<String, Long> reasons = new TreeMap<>();
        rejections.stream().filter(r -> !r.getDiagnostic()).forEach(r -> r.getFailedGates().forEach(g -> reasons.merge(g, 1L, Long::sum)));
        EpisodeScore score = EpisodeScore.of(signals, session.episodes(), strikePoints);
        out.println();
        out.println("== instflow pipeline summary ==");
        out.printf("MBO records          %,d over %d days%n", session.records(), session.days().size());
        out.printf("pressure windows     %,d%n", windows.size());
        out.printf("futures bars         %,d one-minute bars%n", bars.size());
        out.printf("signals              %,d  %s%n", signals.size(), byTier);
        out.printf("rejections           %,d candidates; failed gates %s%n",
                rejections.stream().filter(r -> !r.getDiagnostic()).count(), reasons);
        out.printf("job throughput       %,.0f MBO records/s (%.1f s, including start-up)%n", session.records() / jobSeconds,
                jobSeconds);
        out.printf("episodes             %d institutional, %d detected%n", score.episodes(), score.detectedEpisodes());
        out.printf("precision / recall   %.2f / %.2f  (against the simulator's labels)%n", score.precision(), score.recall());
        out.printf("total time           %.1f s%n", totalSeconds);
        out.flush();
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> read(String bootstrap, String topic, Class<T> type) {
        AvroSerde<T> serde = AvroSerde.of(type);
        List<T> out = new ArrayList<>();
        TopicScan.readToEnd(bootstrap, topic, Duration.ofMinutes(2), r -> out.add(serde.deserialize(r.value())));
        return out;
    }

    private static void createOutputTopics(String bootstrap, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String t : List.of("ifd.signals", "ifd.signals.json", "ifd.rejections", "ifd.pressure", "bars.1m", "bars.5m", "ifd.metrics")) {
                topics.add(new NewTopic(t, partitions, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    private static void step(PrintWriter out, String what) {
        out.println("-> " + what);
        out.flush();
    }
}
