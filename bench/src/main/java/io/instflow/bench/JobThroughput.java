package io.instflow.bench;

import io.instflow.avro.PipelineMetric;
import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.contract.Topic;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.ifd.IfdConfig;
import io.instflow.ifd.IfdPipeline;
import io.instflow.ifd.functions.ThroughputFunction;
import io.instflow.ingest.FileReplay;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.localkafka.LocalKafka;
import io.instflow.schemas.AvroSerde;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Sustained IFD job throughput from a real local Kafka with exactly-once (or preview) sinks, per
 * state backend, and the latency from a window's evaluation (the watermark passing its end) to its
 * signal being visible to a read_committed consumer. Prints one line per run.
 *
 * <p>Usage: {@code JobThroughput [days] [parallelism] [backends, e.g. hashmap,rocksdb] [profiles,
 * e.g. production,production-v31] [small|full universe] [bootstrap]}: every backend runs with every
 * profile, profile by profile in the order given, alternating when a profile is listed more than
 * once. A backend followed by {@code :preview} (e.g. {@code hashmap:preview}) runs the job in
 * preview mode, at-least-once, as {@code --preview} submits it. Without a bootstrap it starts a
 * broker, simulates and publishes the session itself, in this JVM, and its first run is a JVM that
 * has just simulated; with one it reads the session already published there (as {@code
 * bench/job-throughput.sh} does), and its first run is as cold as a fresh task manager's, and
 * Kafka's {@code ConsumerPerformance} reads the same topic before the first run and after each
 * (three times, once this JVM's JIT has gone quiet), so every run is set beside the broker's rate
 * around it.
 *
 * <p>All runs go to one task manager started before the first, as jobs submitted to a session
 * cluster do: a later run finds the task manager's code compiled, where a cluster per run would
 * load and compile its RPC system (a class loader of its own) again.
 */
public final class JobThroughput {

    /**
     * ConsumerPerformance reads at most this many records (and never more than the topic holds).
     */
    private static final long PERF_RECORDS = 3_000_000;

    /** After a state backend's name: the job in preview mode (at-least-once sinks). */
    private static final String PREVIEW = ":preview";

    /** ConsumerPerformance reads per reference, of which the median counts. */
    private static final int REFERENCE_READS = 3;

    public static void main(String[] args) throws Exception {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<String> backends = List.of((args.length > 2 ? args[2] : "hashmap,rocksdb").split(","));
        for (String backend : backends) {
            if (!backend.matches("(hashmap|rocksdb)(" + PREVIEW + ")?")) {
                throw new IllegalArgumentException(
                        "unknown backend '"
                                + backend
                                + "': give hashmap or rocksdb, each optionally followed by "
                                + PREVIEW);
            }
        }
        List<String> profiles = List.of((args.length > 3 ? args[3] : "production").split(","));
        SimulatorConfig.Universe universe =
                SimulatorConfig.Universe.parse(args.length > 4 ? args[4] : "small");
        String published = args.length > 5 ? args[5] : null;
        Path work = Files.createTempDirectory("instflow-job-bench-");
        LocalKafka kafka = null;
        try {
            String bootstrap;
            long records;
            if (published == null) {
                kafka = LocalKafka.in(work.resolve("kafka"), 0).start(Duration.ofSeconds(120));
                bootstrap = kafka.bootstrapServers();
                records = simulateAndPublish(bootstrap, days, parallelism, universe, work);
            } else {
                bootstrap = published;
                records = recordsIn(bootstrap, new Topics("").mbo());
                System.out.printf(
                        "input: %,d MBO records already in md.glbx-mdp3.mbo on %s%n",
                        records, bootstrap);
            }
            // output topics of this invocation only: a broker may hold an earlier one's reports
            String invocation = Long.toString(System.currentTimeMillis(), 36);
            // the broker's rate just before and just after each run: the machine's speed drifts
            BrokerReadRate broker =
                    published == null
                            ? null
                            : new BrokerReadRate(
                                    bootstrap,
                                    new Topics("").mbo(),
                                    Math.min(records, PERF_RECORDS),
                                    invocation);
            if (broker != null) {
                // the broker's first read of the topic is slower than the rest: not a reference
                broker.measure();
            }
            double before = broker == null ? 0 : referenceRead(broker);
            int jobs = 0;
            try (MiniCluster taskManager = taskManager(parallelism)) {
                for (String profile : profiles) {
                    for (String backend : backends) {
                        jobs++;
                        String run = invocation + "-" + backend.replace(':', '-') + "-" + jobs;
                        double sustained =
                                run(
                                        taskManager,
                                        jobs,
                                        bootstrap,
                                        backend,
                                        profile,
                                        run + ".",
                                        parallelism,
                                        records,
                                        work.resolve("checkpoints-" + run));
                        if (broker != null) {
                            double after = referenceRead(broker);
                            double around = (before + after) / 2;
                            System.out.printf(
                                    "  %.2f of ConsumerPerformance on the same topic (%,.0f records/s"
                                            + " before the run, %,.0f after: medians of %d reads"
                                            + " of %,d records)%n",
                                    sustained / around,
                                    before,
                                    after,
                                    REFERENCE_READS,
                                    Math.min(records, PERF_RECORDS));
                            before = after;
                        }
                    }
                }
            }
        } finally {
            if (kafka != null) {
                kafka.stop();
            }
            BenchDirs.delete(work);
        }
    }

    /**
     * The median of {@value #REFERENCE_READS} reads of the broker's rate, taken once this JVM's
     * compilers have finished with the last job's methods: they would take a core from the reads
     * and lower the reference the job is compared with. A single read moves by a fifth between
     * reads on a quiet machine.
     */
    private static double referenceRead(BrokerReadRate broker) throws Exception {
        double waited = CompilerActivity.awaitQuiet(Duration.ofMinutes(2));
        long compiledBefore = CompilerActivity.totalMs();
        List<Double> reads = new ArrayList<>();
        for (int i = 0; i < REFERENCE_READS; i++) {
            reads.add(broker.measure());
        }
        System.out.printf(
                "  ConsumerPerformance: %s records/s, read after %.1f s waiting for this JVM's"
                        + " JIT to go quiet (it compiled %,d ms during the reads)%n",
                reads.stream()
                        .map(r -> String.format("%,.0f", r))
                        .collect(Collectors.joining(", ")),
                waited,
                CompilerActivity.totalMs() - compiledBefore);
        Collections.sort(reads);
        return reads.get(REFERENCE_READS / 2);
    }

    /** One task manager with a slot per subtask, as a session cluster's, for every run. */
    private static MiniCluster taskManager(int parallelism) throws Exception {
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(checkpointHistory())
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(parallelism)
                                .build());
        cluster.start();
        return cluster;
    }

    /** Keeps every checkpoint's figures of a run, not only the last ten. */
    private static Configuration checkpointHistory() {
        Configuration conf = new Configuration();
        conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, CheckpointFigures.HISTORY);
        return conf;
    }

    /** Simulates the session into {@code work} and publishes it; returns the MBO records. */
    private static long simulateAndPublish(
            String bootstrap,
            int days,
            int parallelism,
            SimulatorConfig.Universe universe,
            Path work)
            throws Exception {
        SimulationResult session =
                new MarketSimulator(
                                SimulatorConfig.builder(work.resolve("sim"))
                                        .warmupDays(days - 1)
                                        .days(1)
                                        .minutes(60)
                                        .seed(5)
                                        .universe(universe)
                                        .build())
                        .run(line -> {});
        TopicAdmin.ensure(bootstrap, new Topics(""), parallelism);
        List<Path> files = new ArrayList<>();
        files.add(session.definitions());
        session.days().forEach(d -> files.add(d.file()));
        long records;
        try (KafkaPublisher publisher =
                new KafkaPublisher(bootstrap, new Topics(""), "GLBX.MDP3", KafkaPublisher.BULK)) {
            records =
                    new FileReplay(files, 0, FileReplay.Progress.NONE).run(publisher).mboRecords();
        }
        System.out.printf(
                "input: %,d MBO records in md.glbx-mdp3.mbo (%d partitions), %d simulated days,"
                        + " %s universe (%,d instruments)%n",
                records,
                parallelism,
                days,
                universe.name().toLowerCase(java.util.Locale.ROOT),
                session.days().get(0).instruments());
        return records;
    }

    /** The records in every partition of {@code topic}, which no transaction writes. */
    private static long recordsIn(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            return consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    /** Runs the job once and prints its figures; returns its sustained records per second. */
    private static double run(
            MiniCluster taskManager,
            int jobOnTaskManager,
            String bootstrap,
            String backend,
            String profile,
            String prefix,
            int parallelism,
            long records,
            Path checkpoints)
            throws Exception {
        TopicAdmin.ensure(bootstrap, new Topics(prefix), Topic.Set.IFD, parallelism);
        boolean preview = backend.endsWith(PREVIEW);
        String stateBackend = preview ? backend.substring(0, backend.indexOf(':')) : backend;
        IfdConfig job = BenchJobs.ifd(bootstrap, "", prefix, profile, true, !preview);
        Configuration conf = BenchJobs.environment(job, stateBackend, checkpoints);
        List<Long> latenciesMs = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher =
                new Thread(
                        () -> watchDecisions(bootstrap, prefix, latenciesMs, stop),
                        "decision-watcher");
        // a failed run must not leave the JVM waiting on the watcher
        watcher.setDaemon(true);
        watcher.start();
        long start = System.nanoTime();
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        IfdPipeline.wire(env, job);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(job.deployment().name());
        JobID id = taskManager.submitJob(graph).get().getJobID();
        JobResult result = taskManager.requestJobResult(id).get();
        if (!result.isSuccess()) {
            throw new IllegalStateException(
                    backend + " run failed",
                    result.getSerializedThrowable()
                            .map(t -> t.deserializeError(JobThroughput.class.getClassLoader()))
                            .orElse(null));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // the watcher polls every 50 ms; give it the last commit's records before stopping it
        Thread.sleep(2_000);
        stop.set(true);
        watcher.join();
        List<SustainedRate.Report> reports =
                throughputReports(bootstrap, new Topics(prefix).metrics());
        List<Long> sorted = new ArrayList<>(latenciesMs);
        Collections.sort(sorted);
        double sustained = SustainedRate.of(reports);
        System.out.printf(
                "%-8s %s (%s) %s, parallelism %d, job %d on this task manager: %,.0f MBO records/s over the whole run (%.1f s from submission),"
                        + " %,.0f records/s sustained (all subtasks, from a quarter to three quarters of the records read; subtasks read %s); %d signals and rejections, "
                        + "evaluation to read_committed visibility p50 %s ms, p99 %s ms (checkpoint interval %d ms)%n",
                stateBackend,
                profile,
                job.params().algorithm(),
                preview ? "preview (at-least-once)" : "exactly-once",
                parallelism,
                jobOnTaskManager,
                records / seconds,
                seconds,
                sustained,
                SustainedRate.bySubtask(reports),
                sorted.size(),
                Percentile.of(sorted, 0.5),
                Percentile.of(sorted, 0.99),
                job.checkpointIntervalMs());
        System.out.println(CheckpointFigures.of(taskManager.getArchivedExecutionGraph(id).get()));
        return sustained;
    }

    /**
     * Receive time minus emitted_at (the processing time at which the watermark passed the window's
     * end and the detector evaluated it) of every signal and rejection: both are committed the same
     * way.
     */
    private static void watchDecisions(
            String bootstrap, String prefix, List<Long> latenciesMs, AtomicBoolean stop) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "latency-" + prefix);
        props.put("isolation.level", "read_committed");
        props.put("auto.offset.reset", "earliest");
        AvroSerde<Signal> signals = AvroSerde.of(Signal.class);
        AvroSerde<Rejection> rejections = AvroSerde.of(Rejection.class);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(
                    List.of(new Topics(prefix).signals(), new Topics(prefix).rejections()));
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    long emittedNs =
                            r.topic().endsWith("signals")
                                    ? signals.deserialize(r.value()).getEmittedAt()
                                    : rejections.deserialize(r.value()).getEmittedAt();
                    latenciesMs.add(now - emittedNs / 1_000_000L);
                }
            }
        }
    }

    /** The job's throughput reports: one per 100,000 records a subtask reads. */
    private static List<SustainedRate.Report> throughputReports(
            String bootstrap, String metricsTopic) {
        AvroSerde<PipelineMetric> serde = AvroSerde.of(PipelineMetric.class);
        List<SustainedRate.Report> reports = new ArrayList<>();
        TopicScan.readToEnd(
                bootstrap,
                metricsTopic,
                Duration.ofMinutes(1),
                r -> {
                    PipelineMetric m = serde.deserialize(r.value());
                    if (m.getName().equals("records_per_second")) {
                        reports.add(
                                new SustainedRate.Report(
                                        m.getTags().get("subtask"),
                                        m.getTs(),
                                        ThroughputFunction.RECORDS_PER_REPORT));
                    }
                });
        return reports;
    }
}
