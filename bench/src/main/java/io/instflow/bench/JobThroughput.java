package io.instflow.bench;

import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.ingest.FileReplay;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.localkafka.LocalKafka;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;

import org.apache.flink.runtime.minicluster.MiniCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

    public static void main(String[] args) throws Exception {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<String> backends = List.of((args.length > 2 ? args[2] : "hashmap,rocksdb").split(","));
        for (String backend : backends) {
            if (!backend.matches("(hashmap|rocksdb)(" + JobRuns.PREVIEW + ")?")) {
                throw new IllegalArgumentException(
                        "unknown backend '"
                                + backend
                                + "': give hashmap or rocksdb, each optionally followed by "
                                + JobRuns.PREVIEW);
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
                records = JobRuns.recordsIn(bootstrap, new Topics("").mbo());
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
                                    Math.min(records, JobRuns.PERF_RECORDS),
                                    invocation);
            if (broker != null) {
                // the broker's first read of the topic is slower than the rest: not a reference
                broker.measure();
            }
            double before = broker == null ? 0 : JobRuns.referenceRead(broker);
            int jobs = 0;
            try (MiniCluster taskManager = JobRuns.taskManager(parallelism)) {
                for (String profile : profiles) {
                    for (String backend : backends) {
                        jobs++;
                        String run = invocation + "-" + backend.replace(':', '-') + "-" + jobs;
                        double sustained =
                                JobRuns.run(
                                        taskManager,
                                        jobs,
                                        bootstrap,
                                        backend,
                                        profile,
                                        "",
                                        run + ".",
                                        parallelism,
                                        records,
                                        work.resolve("checkpoints-" + run));
                        if (broker != null) {
                            double after = JobRuns.referenceRead(broker);
                            double around = (before + after) / 2;
                            System.out.printf(
                                    "  %.2f of ConsumerPerformance on the same topic (%,.0f records/s"
                                            + " before the run, %,.0f after: medians of %d reads"
                                            + " of %,d records)%n",
                                    sustained / around,
                                    before,
                                    after,
                                    JobRuns.REFERENCE_READS,
                                    Math.min(records, JobRuns.PERF_RECORDS));
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
}
