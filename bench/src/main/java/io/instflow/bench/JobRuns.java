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
import io.instflow.schemas.AvroSerde;

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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The IFD job run as the throughput benchmarks run it: on one task manager that takes every job, as
 * a session cluster does, each run beside Kafka's {@code ConsumerPerformance} on the topic it
 * reads.
 */
final class JobRuns {

    /**
     * ConsumerPerformance reads at most this many records (and never more than the topic holds).
     */
    static final long PERF_RECORDS = 3_000_000;

    /** After a state backend's name: the job in preview mode (at-least-once sinks). */
    static final String PREVIEW = ":preview";

    /** How long the decision watcher may take after a job's end to read its last decisions. */
    private static final Duration WATCHER_CATCH_UP = Duration.ofSeconds(60);

    /** ConsumerPerformance reads per reference, of which the median counts. */
    static final int REFERENCE_READS = 3;

    private JobRuns() {}

    /** One task manager with a slot per subtask, as a session cluster's, for every run. */
    static MiniCluster taskManager(int parallelism) throws Exception {
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

    /**
     * The median of {@value #REFERENCE_READS} reads of the broker's rate, taken once this JVM's
     * compilers have finished with the last job's methods: they would take a core from the reads
     * and lower the reference the job is compared with. A single read moves by a fifth between
     * reads on a quiet machine.
     */
    static double referenceRead(BrokerReadRate broker) throws Exception {
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
                        .map(r -> String.format(Locale.ROOT, "%,.0f", r))
                        .collect(Collectors.joining(", ")),
                waited,
                CompilerActivity.totalMs() - compiledBefore);
        Collections.sort(reads);
        return reads.get(REFERENCE_READS / 2);
    }

    /** The records in every partition of {@code topic}, which no transaction writes. */
    static long recordsIn(String bootstrap, String topic) {
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

    /**
     * Runs the job once on the session published under {@code inputPrefix}, its outputs under
     * {@code outputPrefix}, and prints its figures; returns its sustained records per second.
     */
    static double run(
            MiniCluster taskManager,
            int jobOnTaskManager,
            String bootstrap,
            String backend,
            String profile,
            String inputPrefix,
            String outputPrefix,
            int parallelism,
            long records,
            Path checkpoints)
            throws Exception {
        TopicAdmin.ensure(bootstrap, new Topics(outputPrefix), Topic.Set.IFD, parallelism);
        boolean preview = backend.endsWith(PREVIEW);
        String stateBackend = preview ? backend.substring(0, backend.indexOf(':')) : backend;
        IfdConfig job =
                BenchJobs.ifd(bootstrap, inputPrefix, outputPrefix, profile, true, !preview);
        Configuration conf = BenchJobs.environment(job, stateBackend, checkpoints);
        List<Long> latenciesMs = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean jobDone = new AtomicBoolean();
        Thread watcher =
                new Thread(
                        () -> watchDecisions(bootstrap, outputPrefix, latenciesMs, jobDone),
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
                            .map(t -> t.deserializeError(JobRuns.class.getClassLoader()))
                            .orElse(null));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // every decision is committed now: the watcher stops once it has read them all
        jobDone.set(true);
        watcher.join(WATCHER_CATCH_UP.toMillis());
        if (watcher.isAlive()) {
            throw new IllegalStateException(
                    "the decision watcher did not read to the end of "
                            + new Topics(outputPrefix).signals()
                            + " and "
                            + new Topics(outputPrefix).rejections()
                            + " within "
                            + WATCHER_CATCH_UP.toSeconds()
                            + " s of the job's end");
        }
        List<SustainedRate.Report> reports =
                throughputReports(bootstrap, new Topics(outputPrefix).metrics());
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
            String bootstrap, String prefix, List<Long> latenciesMs, AtomicBoolean jobDone) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("isolation.level", "read_committed");
        AvroSerde<Signal> signals = AvroSerde.of(Signal.class);
        AvroSerde<Rejection> rejections = AvroSerde.of(Rejection.class);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic :
                    List.of(new Topics(prefix).signals(), new Topics(prefix).rejections())) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!(jobDone.get() && readToEnd(consumer, partitions))) {
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

    /** Whether the consumer's position is at the last committed offset of every partition. */
    private static boolean readToEnd(
            KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        // read_committed: the end offsets are the last stable ones
        return consumer.endOffsets(partitions).entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
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
